#include "calib/LoadTestFit.h"

#include "fit/NelderMead.h"

#include "perf/Predictor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace serveplan {

namespace {

constexpr int kMaxEvaluations = 600; // per Nelder-Mead pass (2-3 parameters)
constexpr int kPasses = 3;           // restarts from the best point: the valleys are long and narrow
constexpr double kPrior = 1e-8;      // a faint pull toward the start, for where the data cannot tell parameters apart
constexpr double kMissPenalty = 25;  // a metric the candidate cannot predict: (ln ~150)^2

/// A fitted parameter, bounded to a physical range through a scaled logistic: x = lo + (hi - lo) / (1 + e^-u).
/// Near the lower bound the map is close to log-linear, so an overhead of microseconds moves in ratios.
struct Parameter {
    const char* name;
    double lo, hi;
    double EngineParams::*field;
    double start = 0;
    double value(double u) const { return lo + (hi - lo) / (1.0 + std::exp(-u)); }
    double toU(double x) const {
        const double f = std::clamp((x - lo) / (hi - lo), 1e-6, 1.0 - 1e-6);
        return std::log(f / (1.0 - f));
    }
};

/// One measured metric of one point.
struct Target {
    std::size_t point = 0;
    std::string metric;
    double measured = 0;
};

/// A point ready to predict: its scenario and the metrics it measured.
struct Prepared {
    PredictScenario scenario;
    std::vector<std::string> metrics;
    std::vector<double> measured;
};

bool isTtft(const std::string& metric) {
    return metric.rfind("ttft", 0) == 0;
}

std::string formatValue(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

} // namespace

Result<CalibrationFit> fitLoadTest(const std::vector<LoadTestPoint>& points, const LoadTestSetup& setup,
                                   const Catalog& catalog) {
    if (!catalog.gpu(setup.gpuId))
        return Error::because(Message(MessageCode::FitGpuNotInCatalog, {MessageArg::name(setup.gpuId)}));
    if (!catalog.model(setup.modelId))
        return Error::because(Message(MessageCode::FitModelNotInCatalog, {MessageArg::name(setup.modelId)}));
    const auto engine = parseServingEngine(setup.engine);
    if (!engine)
        return Error::because(Message(MessageCode::FitUnknownEngine, {MessageArg::name(setup.engine)}));

    // The starting point: the engine's profile with what is applied to this GPU and engine now.
    const GpuCalibration* current = catalog.calibration(setup.gpuId, toString(*engine));
    const EngineProfile start = calibratedProfile(*engine, current);
    const Predictor predictor(catalog, false);

    CalibrationFit fit;
    std::vector<Prepared> prepared;
    bool anyTtft = false;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const LoadTestPoint& point = points[i];
        auto skipped = [&fit, i](Message why) {
            fit.notes.emplace_back(MessageCode::PointSkipped,
                                   std::vector<MessageArg>{MessageArg::integer(static_cast<long long>(i + 1)),
                                                           MessageArg::message(std::move(why))});
        };
        Prepared p;
        for (const auto& [metric, measured] : point.metrics)
            if (measured > 0 && std::isfinite(measured) && Metric::parse(metric)) {
                p.metrics.push_back(metric);
                p.measured.push_back(measured);
            }
        if (p.metrics.empty()) {
            skipped(Message(MessageCode::NoKnownMeasuredMetric));
            continue;
        }
        auto scenario = loadTestScenario(predictor, point, setup, p.metrics.front());
        if (!scenario) {
            skipped(Message::text(scenario.error()));
            continue;
        }
        p.scenario = std::move(scenario).value();
        const std::vector<Prediction> first = predictor.predictMetrics(p.scenario, p.metrics, start);
        if (first.front().status != Prediction::Status::Ok) {
            skipped(first.front().message);
            continue;
        }
        anyTtft |= std::any_of(p.metrics.begin(), p.metrics.end(), isTtft);
        prepared.push_back(std::move(p));
    }
    if (prepared.empty()) {
        // The reason, then why each point was skipped (English: joined by "; ").
        std::vector<Message> why{Message(MessageCode::FitNoUsableLoadTestPoint)};
        why.insert(why.end(), fit.notes.begin(), fit.notes.end());
        return Error::because(Message::list(std::move(why)));
    }

    std::vector<Parameter> parameters{
        {factor::kWeightBandwidthEff, 0.05, 1.0, &EngineParams::weightBandwidthEff},
        {factor::kStepOverheadS, 0.0, 0.02, &EngineParams::stepOverheadS},
    };
    if (anyTtft)
        parameters.push_back({factor::kRequestOverheadS, 0.0, 2.0, &EngineParams::requestOverheadS});
    else
        fit.notes.emplace_back(MessageCode::NotFittedNoTtft,
                               std::vector<MessageArg>{MessageArg::name(std::string(factor::kRequestOverheadS))});
    std::vector<double> u0;
    for (Parameter& p : parameters) {
        p.start = start.params.*(p.field);
        u0.push_back(p.toU(p.start));
    }

    auto profileAt = [&](const std::vector<double>& u) {
        EngineProfile profile = start;
        for (std::size_t i = 0; i < parameters.size(); ++i)
            profile.params.*(parameters[i].field) = parameters[i].value(u[i]);
        return profile;
    };
    // Mean squared log error over every measured metric of every point.
    auto meanSquaredLogError = [&](const EngineProfile& profile) {
        double sum = 0;
        int count = 0;
        for (const Prepared& p : prepared) {
            const std::vector<Prediction> predicted = predictor.predictMetrics(p.scenario, p.metrics, profile);
            for (std::size_t i = 0; i < predicted.size(); ++i, ++count) {
                const double v = predicted[i].value.value;
                if (predicted[i].status != Prediction::Status::Ok || !(v > 0) || !std::isfinite(v)) {
                    sum += kMissPenalty;
                    continue;
                }
                const double e = std::log(v / p.measured[i]);
                sum += e * e;
            }
        }
        return count > 0 ? sum / count : 0.0;
    };
    auto loss = [&](const std::vector<double>& u) {
        double prior = 0;
        for (std::size_t i = 0; i < u.size(); ++i)
            prior += (u[i] - u0[i]) * (u[i] - u0[i]);
        return meanSquaredLogError(profileAt(u)) + kPrior * prior;
    };
    const double before = meanSquaredLogError(start);
    double best = 0;
    std::vector<double> u = u0;
    for (int pass = 0; pass < kPasses; ++pass) {
        int evaluations = 0; // each pass has its own budget
        u = nelderMead(loss, u, pass == 0 ? 0.5 : 0.2, kMaxEvaluations, evaluations, best, {1e-12, 1e-9});
    }
    const EngineProfile fitted = profileAt(u);
    fit.rmsLogErrorBefore = std::sqrt(before);
    fit.rmsLogErrorAfter = std::sqrt(meanSquaredLogError(fitted));

    // What to store: the calibration in use, with the fitted parameters replaced or added.
    std::size_t metrics = 0;
    for (const Prepared& p : prepared)
        metrics += p.metrics.size();
    const Message basis(MessageCode::FactorLoadTestFit,
                        {MessageArg::integer(prepared.size()), MessageArg::integer(metrics),
                         MessageArg::name(setup.modelId), MessageArg::integer(setup.gpuCount),
                         MessageArg::name(setup.gpuId)});
    if (current)
        fit.factors = current->factors;
    std::string moved;
    for (const Parameter& p : parameters) {
        const double value = fitted.params.*(p.field);
        auto it = std::find_if(fit.factors.begin(), fit.factors.end(),
                               [&](const CalibrationFactor& f) { return f.name == p.name; });
        if (it == fit.factors.end())
            fit.factors.push_back({p.name, value, basis});
        else
            *it = {p.name, value, basis};
        moved += (moved.empty() ? "" : ", ") + std::string(p.name) + " " + formatValue(p.start) + " -> " +
                 formatValue(value);
    }
    fit.notes.insert(
        fit.notes.begin(),
        Message(MessageCode::FittedFactors, {MessageArg::name(moved), MessageArg::significant(fit.rmsLogErrorBefore, 4),
                                             MessageArg::significant(fit.rmsLogErrorAfter, 4)}));
    return fit;
}

} // namespace serveplan
