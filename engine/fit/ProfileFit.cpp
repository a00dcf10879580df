#include "fit/ProfileFit.h"

#include "fit/NelderMead.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <thread>

namespace serveplan {

namespace {

constexpr int kGlobalParams = 13;
constexpr int kEngineParams = 2;
constexpr double kHuberDelta = 0.25;       // log error beyond which a row counts linearly (robust to outliers)
constexpr double kFailedRowLogError = 3.0; // a prediction that failed counts as off by e^3
constexpr double kEnginePrior = 0.5;       // pulls engine offsets toward the shared physics
constexpr double kGlobalPrior = 0.02;      // keeps the shared parameters near physical priors
constexpr double kMinBand = 0.10;

double logit(double p) {
    return std::log(p / (1 - p));
}
double sigmoid(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

std::array<double, kGlobalParams> encode(const EngineParams& p) {
    return {logit(p.weightBandwidthEff),  logit(p.kvBandwidthEff),    logit(p.gemmEff),
            logit(p.attentionEff),        logit(p.commEff),           std::log(p.tflopsPerWatt),
            std::log(p.stepOverheadS),    std::log(p.layerOverheadS), std::log(p.seqOverheadS),
            std::log(p.requestOverheadS), std::log(p.rocmEff),        std::log(p.moeEff),
            logit(p.mlaKvBandwidthEff)};
}

EngineParams decode(const double* g, double speed, double overhead) {
    EngineParams p;
    p.weightBandwidthEff = sigmoid(g[0] + speed);
    p.kvBandwidthEff = sigmoid(g[1] + speed);
    p.gemmEff = sigmoid(g[2] + speed);
    p.attentionEff = sigmoid(g[3] + speed);
    p.commEff = sigmoid(g[4] + speed);
    p.tflopsPerWatt = std::exp(g[5] + speed);
    p.stepOverheadS = std::exp(g[6] + overhead);
    p.layerOverheadS = std::exp(g[7] + overhead);
    p.seqOverheadS = std::exp(g[8] + overhead);
    p.requestOverheadS = std::exp(g[9] + overhead);
    p.rocmEff = std::exp(g[10]); // a property of the vendor's kernels, not of one engine
    p.moeEff = std::exp(g[11] + speed);
    p.mlaKvBandwidthEff = sigmoid(g[12] + speed);
    return p;
}

double huber(double r) {
    const double a = std::fabs(r);
    return a <= kHuberDelta ? 0.5 * r * r : kHuberDelta * (a - 0.5 * kHuberDelta);
}

/// One fit (no cross-validation): the engines with enough rows, the shared vector and the offsets.
struct Fitted {
    std::vector<ServingEngine> engines;
    std::vector<double> theta;
    double loss = 0;
    int evaluations = 0;

    EngineProfile profile(ServingEngine engine) const {
        EngineProfile p = engineDefaults(engine);
        double speed = 0, overhead = 0;
        for (std::size_t i = 0; i < engines.size(); ++i)
            if (engines[i] == engine) {
                speed = theta[kGlobalParams + kEngineParams * i];
                overhead = theta[kGlobalParams + kEngineParams * i + 1];
                p.calibrationRows = 1;
            }
        p.params = decode(theta.data(), speed, overhead);
        return p;
    }
};

double rowLogError(const Predictor& predictor, const ReferenceRow& row, const EngineProfile& profile) {
    const Prediction p = predictor.predictWith(row.scenario, profile);
    if (p.status != Prediction::Status::Ok || !(p.value.value > 0))
        return kFailedRowLogError;
    return std::log(p.value.value / row.measured);
}

Fitted fitOnce(const Predictor& predictor, const std::vector<const ReferenceRow*>& rows, const FitOptions& options) {
    Fitted fit;
    std::map<ServingEngine, int> counts;
    for (const ReferenceRow* r : rows)
        ++counts[r->scenario.deployment.engine];
    for (const auto& [engine, count] : counts)
        if (engine != ServingEngine::Generic && count >= options.minRowsPerEngine)
            fit.engines.push_back(engine);
    // Every reference file weighs the same in the loss, whatever its row count: 126 MoE rows must not
    // outvote the 91 rows of the dense calibration set (nor the other way round).
    std::map<std::string, int> perSource;
    for (const ReferenceRow* r : rows)
        ++perSource[r->source];
    std::map<std::string, double> weightOf;
    for (const auto& [source, count] : perSource)
        weightOf[source] = double(rows.size()) / (double(perSource.size()) * count);
    const auto prior = encode(engineDefaults(ServingEngine::Generic).params);
    std::vector<double> theta0(prior.begin(), prior.end());
    theta0.resize(kGlobalParams + kEngineParams * fit.engines.size(), 0.0);
    auto loss = [&](const std::vector<double>& theta) {
        Fitted trial{fit.engines, theta, 0, 0};
        std::map<ServingEngine, EngineProfile> profiles;
        double sum = 0;
        for (const ReferenceRow* r : rows) {
            const ServingEngine e = r->scenario.deployment.engine;
            auto it = profiles.find(e);
            if (it == profiles.end())
                it = profiles.emplace(e, trial.profile(e)).first;
            sum += weightOf[r->source] * huber(rowLogError(predictor, *r, it->second));
        }
        for (int i = 0; i < kGlobalParams; ++i)
            sum += kGlobalPrior * (theta[i] - theta0[i]) * (theta[i] - theta0[i]);
        for (std::size_t i = kGlobalParams; i < theta.size(); ++i)
            sum += kEnginePrior * theta[i] * theta[i];
        return sum;
    };
    // Two rounds: the restart rebuilds the simplex around the first optimum (Nelder-Mead stalls).
    std::vector<double> theta = theta0;
    for (const double step : {0.5, 0.2}) {
        double best = 0;
        const int budget = fit.evaluations + options.maxEvaluations / 2;
        theta = nelderMead(loss, theta, step, budget, fit.evaluations, best, {1e-7, 1e-7});
        fit.loss = best;
    }
    fit.theta = theta;
    return fit;
}

Residual residualOf(const Predictor& predictor, const ReferenceRow& row, const EngineProfile& profile) {
    const Prediction p = predictor.predictWith(row.scenario, profile);
    Residual r;
    r.id = row.scenario.id;
    r.engine = row.scenario.deployment.engine;
    r.gpu = row.scenario.deployment.gpu->id;
    r.metric = row.scenario.metricName;
    r.measured = row.measured;
    r.predicted = p.status == Prediction::Status::Ok ? p.value.value : 0.0;
    return r;
}

std::string_view bandClassOf(const Residual& r) {
    const auto m = Metric::parse(r.metric);
    return m ? m->bandClass() : "throughput";
}

double quantile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = std::size_t(std::clamp(q * double(v.size() - 1), 0.0, double(v.size() - 1)));
    return v[i];
}

EngineBands bandsFor(ServingEngine engine, const std::vector<Residual>& residuals) {
    // 80% of the rows fall inside the band: the 0.8 quantile of |log error| of this engine and
    // metric class when it has at least 4 rows, else of all engines.
    auto width = [&](std::string_view cls) {
        std::vector<double> own, all;
        for (const Residual& r : residuals) {
            if (bandClassOf(r) != cls)
                continue;
            const double e = r.predicted > 0 ? std::fabs(std::log(r.predicted / r.measured)) : kFailedRowLogError;
            all.push_back(e);
            if (r.engine == engine)
                own.push_back(e);
        }
        const double w = quantile(own.size() >= 4 ? own : all, 0.8);
        return std::max(kMinBand, w);
    };
    EngineBands b;
    b.throughput = width("throughput");
    b.tpot = width("tpot");
    // TTFT is every tool's weakest metric (MODELING.md: 15-60% errors): never tighter than 1.5x TPOT.
    b.ttft = std::max(width("ttft"), 1.5 * b.tpot);
    return b;
}

} // namespace

double Residual::ape() const {
    return predicted > 0 ? std::fabs(predicted / measured - 1) * 100 : 100.0;
}

Result<std::vector<ReferenceRow>> ProfileFit::references(const CsvTable& table, const Predictor& predictor,
                                                         std::vector<std::string>* refused) {
    std::vector<ReferenceRow> rows;
    if (!table.hasColumn("value"))
        return Error{table.sourceName + ": no 'value' column (a reference file has predict's columns plus value)"};
    for (const CsvRow& row : table.rows) {
        auto field = [&](std::string_view c) { return std::string(table.field(row, c)); };
        const auto scenario = predictor.parseScenario(field);
        if (!scenario && refused) {
            refused->push_back(table.where(row) + scenario.error());
            continue;
        }
        if (!scenario)
            return Error{table.where(row) + scenario.error()};
        const std::string text = field("value");
        double value = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || ptr != text.data() + text.size() || !(value > 0) || !std::isfinite(value))
            return Error{table.where(row) + "column value: '" + text + "' is not a positive number"};
        rows.push_back({*scenario, value, table.sourceName});
    }
    return rows;
}

FitReport ProfileFit::fit(const Predictor& predictor, const std::vector<ReferenceRow>& rows,
                          const FitOptions& options) {
    FitReport report;
    std::vector<const ReferenceRow*> all;
    for (const ReferenceRow& r : rows)
        all.push_back(&r);
    // The folds are independent fits over the same const predictor (it keeps no mutable state): they
    // run beside the fit on all rows (a 5-fold fit is six fits' work).
    std::vector<std::thread> workers;
    std::vector<std::size_t> order(rows.size()); // outlives the workers
    if (options.folds >= 2 && int(rows.size()) >= options.folds) {
        report.folds = options.folds;
        std::iota(order.begin(), order.end(), 0);
        std::mt19937_64 rng(options.seed);
        std::shuffle(order.begin(), order.end(), rng);
        report.crossValidated.resize(rows.size());
        for (int k = 0; k < options.folds; ++k)
            workers.emplace_back([&, k] {
                std::vector<const ReferenceRow*> train;
                std::vector<std::size_t> test;
                for (std::size_t i = 0; i < order.size(); ++i)
                    (int(i % std::size_t(options.folds)) == k ? (test.push_back(order[i]), void())
                                                              : train.push_back(&rows[order[i]]));
                const Fitted foldFit = fitOnce(predictor, train, options);
                for (std::size_t i : test) // each fold writes only its own rows
                    report.crossValidated[i] =
                        residualOf(predictor, rows[i], foldFit.profile(rows[i].scenario.deployment.engine));
            });
    }
    const Fitted fit = fitOnce(predictor, all, options);
    report.loss = fit.loss;
    report.evaluations = fit.evaluations;
    for (const ReferenceRow& r : rows)
        report.inSample.push_back(residualOf(predictor, r, fit.profile(r.scenario.deployment.engine)));

    for (std::thread& w : workers)
        w.join();
    // Bands from the held-out errors when there are any: they are what a new scenario will see.
    const std::vector<Residual>& bandSource = report.crossValidated.empty() ? report.inSample : report.crossValidated;
    FittedEngine generic{ServingEngine::Generic, int(rows.size()), fit.profile(ServingEngine::Generic).params,
                         bandsFor(ServingEngine::Generic, bandSource)};
    report.engines.push_back(generic);
    for (ServingEngine e : fit.engines) {
        int count = 0;
        for (const ReferenceRow& r : rows)
            count += r.scenario.deployment.engine == e;
        report.engines.push_back({e, count, fit.profile(e).params, bandsFor(e, bandSource)});
    }
    return report;
}

std::vector<Residual> ProfileFit::evaluate(const Predictor& predictor, const std::vector<ReferenceRow>& rows) {
    std::vector<Residual> out;
    for (const ReferenceRow& r : rows) {
        const Prediction p = predictor.predict(r.scenario);
        Residual res;
        res.id = r.scenario.id;
        res.engine = r.scenario.deployment.engine;
        res.gpu = r.scenario.deployment.gpu->id;
        res.metric = r.scenario.metricName;
        res.measured = r.measured;
        res.predicted = p.status == Prediction::Status::Ok ? p.value.value : 0.0;
        out.push_back(res);
    }
    return out;
}

ProfileFit::Summary ProfileFit::summarize(const std::vector<const Residual*>& residuals) {
    Summary s;
    std::vector<double> apes;
    for (const Residual* r : residuals)
        apes.push_back(r->ape());
    s.rows = int(apes.size());
    if (apes.empty())
        return s;
    s.meanApe = std::accumulate(apes.begin(), apes.end(), 0.0) / double(apes.size());
    std::sort(apes.begin(), apes.end());
    const std::size_t n = apes.size();
    s.medianApe = n % 2 ? apes[n / 2] : (apes[n / 2 - 1] + apes[n / 2]) / 2;
    return s;
}

std::string ProfileFit::renderInclude(const FitReport& report, const std::string& producedBy) {
    std::string out = "// Generated by " + producedBy + "\n// Do not edit by hand: re-run the fit.\n";
    char line[512];
    std::snprintf(line, sizeof line, "// Loss %.4f after %d evaluations; %zu reference rows.\n", report.loss,
                  report.evaluations, report.inSample.size());
    out += line;
    auto summaryLine = [&](const char* what, const std::vector<Residual>& residuals) {
        for (const std::string_view cls : {"throughput", "tpot", "ttft"}) {
            std::vector<const Residual*> subset;
            for (const Residual& r : residuals)
                if (bandClassOf(r) == cls)
                    subset.push_back(&r);
            const Summary s = summarize(subset);
            std::snprintf(line, sizeof line, "// %s %.*s: %d rows, median APE %.1f%%, mean APE %.1f%%\n", what,
                          int(cls.size()), cls.data(), s.rows, s.medianApe, s.meanApe);
            out += line;
        }
    };
    summaryLine("in-sample", report.inSample);
    if (!report.crossValidated.empty())
        summaryLine((std::to_string(report.folds) + "-fold cross-validated").c_str(), report.crossValidated);
    out += "// {engine, rows, {weightBandwidthEff, kvBandwidthEff, gemmEff, attentionEff, commEff, tflopsPerWatt,\n"
           "//  stepOverheadS, layerOverheadS, seqOverheadS, requestOverheadS, rocmEff, moeEff, mlaKvBandwidthEff,\n"
           "//  expertBandwidthEff (0: never fitted)}, {band throughput, tpot, ttft}},\n";
    static const std::map<ServingEngine, const char*> names{
        {ServingEngine::Vllm, "Vllm"},         {ServingEngine::Sglang, "Sglang"},
        {ServingEngine::Trtllm, "Trtllm"},     {ServingEngine::Tgi, "Tgi"},
        {ServingEngine::Lmdeploy, "Lmdeploy"}, {ServingEngine::Llamacpp, "Llamacpp"},
        {ServingEngine::Mlc, "Mlc"},           {ServingEngine::Hf, "Hf"},
        {ServingEngine::Generic, "Generic"}};
    for (const FittedEngine& e : report.engines) {
        const EngineParams& p = e.params;
        std::snprintf(
            line, sizeof line,
            "{ServingEngine::%s, %d, {%.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, %.6g, "
            "%.6g}, {%.4g, %.4g, %.4g}},\n",
            names.at(e.engine), e.rows, p.weightBandwidthEff, p.kvBandwidthEff, p.gemmEff, p.attentionEff, p.commEff,
            p.tflopsPerWatt, p.stepOverheadS, p.layerOverheadS, p.seqOverheadS, p.requestOverheadS, p.rocmEff, p.moeEff,
            p.mlaKvBandwidthEff, p.expertBandwidthEff, e.bands.throughput, e.bands.tpot, e.bands.ttft);
        out += line;
    }
    return out;
}

} // namespace serveplan
