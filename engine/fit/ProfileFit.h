#pragma once
// Fits the serving-engine profiles to published measurements (reference_calibration.csv): one
// shared set of physics parameters (efficiencies per roofline term, power cap, overheads) plus two
// offsets per engine with data (a speed offset on every efficiency, a scale on the overheads),
// minimising a robust loss on log errors with Nelder-Mead. Also k-fold cross-validation, and the
// generated FittedProfiles.inc that the engine compiles in.
#include "common/CsvReader.h"
#include "perf/EngineProfile.h"
#include "perf/Predictor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace serveplan {

struct ReferenceRow {
    PredictScenario scenario;
    double measured = 0;
    std::string source; ///< the reference file (CsvTable::sourceName); each file weighs the same in the fit
};

struct FitOptions {
    int maxEvaluations = 2500; ///< Nelder-Mead loss evaluations per fit
    int folds = 5;             ///< k of k-fold cross-validation (0 = none)
    std::uint64_t seed = 1;    ///< fold assignment
    int minRowsPerEngine = 3;  ///< engines with fewer rows fall back to generic
};

struct FittedEngine {
    ServingEngine engine = ServingEngine::Generic;
    int rows = 0;
    EngineParams params;
    EngineBands bands;
};

struct Residual {
    std::string id;
    ServingEngine engine = ServingEngine::Generic;
    std::string gpu;
    std::string metric;
    double measured = 0;
    double predicted = 0; ///< 0 when the prediction failed
    /// Absolute percentage error, |predicted / measured - 1| x 100 (100 when the prediction failed).
    double ape() const;
};

struct FitReport {
    std::vector<FittedEngine> engines; ///< generic first
    double loss = 0;
    int evaluations = 0;
    std::vector<Residual> inSample;       ///< the final fit on all rows
    std::vector<Residual> crossValidated; ///< each row predicted by the fit that did not see it
    int folds = 0;
};

class ProfileFit final {
public:
    /// Rows of a reference table (predict's columns plus `value`); a bad row is an error naming it,
    /// or, with `refused`, a `file:line: why` entry there and skipped (a bad `value` stays an error).
    static Result<std::vector<ReferenceRow>> references(const CsvTable& table, const Predictor& predictor,
                                                        std::vector<std::string>* refused = nullptr);
    static FitReport fit(const Predictor& predictor, const std::vector<ReferenceRow>& rows, const FitOptions& options);
    /// Residuals of the compiled-in profiles (what `validate` reports).
    static std::vector<Residual> evaluate(const Predictor& predictor, const std::vector<ReferenceRow>& rows);
    /// The text of FittedProfiles.inc, with a header saying how it was produced.
    static std::string renderInclude(const FitReport& report, const std::string& producedBy);

    /// Median and mean absolute percentage error of residuals passing a filter.
    struct Summary {
        int rows = 0;
        double medianApe = 0;
        double meanApe = 0;
    };
    static Summary summarize(const std::vector<const Residual*>& residuals);
};

} // namespace serveplan
