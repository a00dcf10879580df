#include "deploy/LoadTestExport.h"

#include "deploy/DeployPlan.h"
#include "deploy/ServingLaunch.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <string>

namespace serveplan {

namespace {

// The Locust file. It also runs without Locust (`python3 locustfile.py --self-check`): the
// sampling and the SLO verdict are plain Python, so tests can check them.
constexpr std::string_view kLocustTemplate = R"PY(
"""Replays a ServePlan plan's workload against an OpenAI-compatible endpoint.

Run (headless, fails with exit code 1 when an SLO percentile is missed):
    locust -f locustfile.py --headless --host BASE_URL \
        --users USERS --spawn-rate USERS --run-time DURATIONs
Arrivals are Poisson at PLAN["request_rate"] requests/s in total: each of the users waits an
exponential gap at rate/users between request starts (open loop while requests finish in time;
run enough users, the default is three times the plan's predicted concurrency).
Prompts are made of common words that most tokenizers count as one token each, so prompt lengths
are close to, not exactly, the sampled token counts. Output lengths are forced with ignore_eos on
engines that accept it (vLLM, SGLang); elsewhere a reply may stop early (TPOT is still per token).
Self-check without Locust: python3 locustfile.py --self-check
"""
import json
import math
import os
import random
import sys
import time

PLAN = json.loads(r"""@PLAN@""")

WORDS = ("the of and to in is that for it as was with be by on not he this are or his from at which "
         "but have an they you were her she there been one all we their has would when what will more "
         "if no out so said can who about up them some could him into its then two time like only "
         "other new over after first also any these may such use way most people").split()


def sample_length(dist, rng):
    """One token count from a ServePlan length distribution (as the batching simulator draws it)."""
    kind, mean = dist["kind"], dist["mean"]
    if kind == "fixed":
        return max(1, int(round(mean)))
    if kind == "uniform":
        value = rng.uniform(dist["min"], dist["max"])
    elif kind == "normal":
        value = rng.gauss(mean, dist["stddev"])
    elif kind == "lognormal":
        m = max(1.0, mean)
        s2 = math.log(1.0 + dist["stddev"] ** 2 / (m * m))
        value = math.exp(math.log(m) - s2 / 2 + math.sqrt(s2) * rng.gauss(0.0, 1.0))
    else:  # exponential
        value = -math.log(1.0 - rng.random()) * mean
    low = dist["min"] if dist["min"] > 0 else 1.0
    high = dist["max"] if dist["max"] > 0 else float("inf")
    return max(1, int(round(min(max(value, low), high))))


def make_prompt(tokens, rng):
    return " ".join(rng.choice(WORDS) for _ in range(tokens))


def percentile(values, q):
    """Linear interpolation between closest ranks (numpy's default); q in 0..1."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def slo_verdict(ttfts, tpots, failures=0, requests=0):
    """(passed, report lines) for the measured TTFTs and TPOTs in milliseconds."""
    slo = PLAN["slo"]
    lines, passed = [], True
    for name, values, target, q in (("TTFT", ttfts, slo["ttft_ms"], slo["ttft_percentile"]),
                                    ("TPOT", tpots, slo["tpot_ms"], slo["tpot_percentile"])):
        label = "p%g %s" % (q * 100, name)
        if not values:
            lines.append("FAIL %s: no samples" % label)
            passed = False
            continue
        measured = percentile(values, q)
        if target <= 0:
            lines.append("INFO %s = %.1f ms (no target)" % (label, measured))
            continue
        ok = measured <= target
        passed = passed and ok
        lines.append("%s %s = %.1f ms (target %.1f ms, predicted %.1f ms)"
                     % ("PASS" if ok else "FAIL", label, measured, target, PLAN["predicted"][name.lower() + "_ms"]))
    if requests and failures / requests > PLAN["max_failure_ratio"]:
        passed = False
        lines.append("FAIL %d of %d requests failed" % (failures, requests))
    return passed, lines


try:
    from locust import HttpUser, events, task
except ImportError:  # the self-check needs no Locust
    HttpUser = None

TTFTS, TPOTS, COUNTS = [], [], {"requests": 0, "failures": 0}

if HttpUser is not None:

    class PlanUser(HttpUser):
        host = os.environ.get("SERVEPLAN_BASE_URL", PLAN["base_url"])

        def on_start(self):
            self.rng = random.Random()
            runner = self.environment.runner
            users = getattr(runner, "target_user_count", None) or PLAN["users"]
            self.rate = PLAN["request_rate"] / max(1, users)
            self.next_start = time.monotonic() + self.rng.expovariate(self.rate)

        def wait_time(self):
            # Poisson arrivals: gaps between request *starts* are exponential.
            self.next_start += self.rng.expovariate(self.rate)
            return max(0.0, self.next_start - time.monotonic())

        @task
        def completion(self):
            prompt_tokens = sample_length(PLAN["input_tokens"], self.rng)
            output_tokens = sample_length(PLAN["output_tokens"], self.rng)
            body = {"model": PLAN["model"], "prompt": make_prompt(prompt_tokens, self.rng),
                    "max_tokens": output_tokens, "temperature": 0, "stream": True,
                    "stream_options": {"include_usage": True}}
            body.update(PLAN["extra_body"])
            COUNTS["requests"] += 1
            start = time.perf_counter()
            first, chunks, tokens = None, 0, None
            with self.client.post(PLAN["endpoint"], json=body, stream=True, catch_response=True,
                                  name="completion") as response:
                if response.status_code != 200:
                    COUNTS["failures"] += 1
                    response.failure("HTTP %d" % response.status_code)
                    return
                for line in response.iter_lines():
                    if not line.startswith(b"data:"):
                        continue
                    payload = line[5:].strip()
                    if payload == b"[DONE]":
                        break
                    event = json.loads(payload)
                    if event.get("usage"):
                        tokens = event["usage"].get("completion_tokens", tokens)
                    choices = event.get("choices") or []
                    if choices and choices[0].get("text"):
                        if first is None:
                            first = time.perf_counter()
                        chunks += 1
                end = time.perf_counter()
                if first is None:
                    COUNTS["failures"] += 1
                    response.failure("no tokens streamed")
                    return
                tokens = tokens or chunks
                ttft = (first - start) * 1000.0
                TTFTS.append(ttft)
                events.request.fire(request_type="SLO", name="ttft_ms", response_time=ttft, response_length=0,
                                    exception=None, context={})
                if tokens > 1:
                    tpot = (end - first) * 1000.0 / (tokens - 1)
                    TPOTS.append(tpot)
                    events.request.fire(request_type="SLO", name="tpot_ms", response_time=tpot,
                                        response_length=0, exception=None, context={})
                response.success()

    @events.quitting.add_listener
    def _slo_verdict(environment, **_kwargs):
        passed, lines = slo_verdict(TTFTS, TPOTS, COUNTS["failures"], COUNTS["requests"])
        print("ServePlan plan %d SLO check:" % PLAN["rank"])
        for line in lines:
            print("  " + line)
        if not passed:
            environment.process_exit_code = 1


def _self_check():
    """Samples the plan's distributions and runs the verdict on made-up latencies; prints JSON."""
    rng = random.Random(PLAN["seed"])
    n = 20000
    ins = [sample_length(PLAN["input_tokens"], rng) for _ in range(n)]
    outs = [sample_length(PLAN["output_tokens"], rng) for _ in range(n)]
    slo = PLAN["slo"]
    fast = slo_verdict([slo["ttft_ms"] * 0.5] * 100, [slo["tpot_ms"] * 0.5] * 100)[0]
    slow_ttft = slo_verdict([slo["ttft_ms"] * 2] * 100, [slo["tpot_ms"] * 0.5] * 100)[0]
    slow_tpot = slo_verdict([slo["ttft_ms"] * 0.5] * 100, [slo["tpot_ms"] * 2] * 100)[0]
    print(json.dumps({"samples": n, "input_mean": sum(ins) / n, "input_min": min(ins), "input_max": max(ins),
                      "output_mean": sum(outs) / n, "output_min": min(outs), "output_max": max(outs),
                      "prompt_words": len(make_prompt(100, rng).split()),
                      "p95_of_1_to_100": percentile(list(range(1, 101)), 0.95),
                      "verdict_fast": fast, "verdict_slow_ttft": slow_ttft, "verdict_slow_tpot": slow_tpot,
                      "locust": HttpUser is not None}))


if __name__ == "__main__" and "--self-check" in sys.argv:
    _self_check()
)PY";

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/// %g-like: 95, 99, 99.9 (vLLM's result keys use this form: p95_ttft_ms, p99.9_ttft_ms).
std::string percentWord(double fraction) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", std::round(fraction * 1000.0) / 10.0);
    return buffer;
}

nlohmann::json distributionJson(const LengthDistribution& d) {
    return {{"kind", std::string(toString(d.kind))},
            {"mean", d.mean},
            {"stddev", d.stddev},
            {"min", d.min},
            {"max", d.max}};
}

double meanOf(const LengthDistribution& d) {
    return d.kind == LengthDistribution::Kind::Uniform ? (d.min + d.max) / 2 : d.mean;
}

/// vllm bench's random dataset draws lengths uniformly in [len × (1 − r), len × (1 + r)]: the
/// uniform with the distribution's mean and standard deviation (r = √3 · sd / mean), below 1.
double rangeRatio(const LengthDistribution& d) {
    double ratio = 0;
    switch (d.kind) {
    case LengthDistribution::Kind::Fixed:
        return 0;
    case LengthDistribution::Kind::Uniform:
        ratio = d.max + d.min > 0 ? (d.max - d.min) / (d.max + d.min) : 0;
        break;
    case LengthDistribution::Kind::Normal:
    case LengthDistribution::Kind::LogNormal:
        ratio = d.mean > 0 ? std::sqrt(3.0) * d.stddev / d.mean : 0;
        break;
    case LengthDistribution::Kind::Exponential:
        ratio = std::sqrt(3.0);
        break;
    }
    return std::clamp(ratio, 0.0, 0.95);
}

int concurrentUsers(const PlanRow& row, const DeploySizing& sizing, const Scenario& scenario) {
    // Little's law: requests in flight = rate × end-to-end latency; three times that in users.
    const double meanOutput = meanOf(scenario.workload.outputTokens);
    const double e2eS = (row.ttftMs.value + row.tpotMs.value * std::max(0.0, meanOutput - 1)) / 1000.0;
    const double inFlight = sizing.loadQps * std::max(e2eS, 0.1);
    return std::clamp(static_cast<int>(std::ceil(3 * inFlight)) + 2, 2, 20000);
}

std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (const char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string baseUrl(const ServingLaunch& launch, const ExportOptions& options) {
    return options.baseUrl.empty() ? "http://" + launch.name + ":" + std::to_string(launch.port) : options.baseUrl;
}

/// The kubectl command that scales what K8sExport wrote to the plan's fleet: a Deployment, a
/// LeaderWorkerSet (groups of pods) for a multi-node replica, or the prefill and decode
/// LeaderWorkerSets of a disaggregated plan, each to its pool's replicas.
std::string scaleCommand(const PlanRow& row, const ServingLaunch& launch, const DisaggregatedLaunch* pools) {
    if (pools && row.disaggregated)
        return "kubectl scale leaderworkerset/" + pools->prefill.name +
               " --replicas=" + std::to_string(row.disaggregated->prefill.replicas) +
               " && kubectl scale leaderworkerset/" + pools->decode.name +
               " --replicas=" + std::to_string(row.disaggregated->decode.replicas);
    const char* kind = launch.multiNode.nodes > 1 ? "leaderworkerset/" : "deployment/";
    return "kubectl scale " + std::string(kind) + launch.name + " --replicas=" + std::to_string(row.replicas);
}

std::string header(const PlanRow& row, const Scenario& scenario, const ServingLaunch& launch,
                   const DisaggregatedLaunch* pools, const DeploySizing& sizing, const std::string& what) {
    std::string text =
        "# Generated by ServePlan: " + what + " for plan " + std::to_string(row.rank) + " of scenario '" +
        scenario.name + "'.\n# " + row.model->id + " " + std::string(toString(row.precision)) + " on " + row.gpu->id +
        (row.migProfile.empty() ? "" : " MIG " + row.migProfile) + ", " + std::string(engineName(row.engine)) + " tp " +
        std::to_string(row.tp) + ", " + std::to_string(row.replicas) + " replicas at " + fixed(sizing.loadQps, 3) +
        " req/s (peak after cache hits).\n# Scale the fleet to the plan first: " + scaleCommand(row, launch, pools) +
        "\n";
    return text;
}

std::string locustFile(const PlanRow& row, const Scenario& scenario, const ServingLaunch& launch,
                       const DisaggregatedLaunch* pools, const DeploySizing& sizing, const ExportOptions& options) {
    const bool forcesLength = row.engine == ServingEngine::Vllm || row.engine == ServingEngine::Sglang;
    nlohmann::json plan = {
        {"scenario", scenario.name},
        {"rank", row.rank},
        {"model", launch.servedModel},
        {"engine", std::string(engineName(row.engine))},
        {"base_url", baseUrl(launch, options)},
        {"endpoint", "/v1/completions"},
        {"request_rate", sizing.loadQps},
        {"duration_s", options.loadTestSeconds},
        {"users", concurrentUsers(row, sizing, scenario)},
        {"seed", 20240601},
        {"max_failure_ratio", 0.01},
        {"input_tokens", distributionJson(scenario.workload.inputTokens)},
        {"output_tokens", distributionJson(scenario.workload.outputTokens)},
        {"slo",
         {{"ttft_ms", scenario.slo.ttftMs},
          {"tpot_ms", scenario.slo.tpotMs},
          {"ttft_percentile", scenario.slo.ttftPercentile},
          {"tpot_percentile", scenario.slo.tpotPercentile}}},
        {"predicted",
         {{"ttft_ms", row.ttftMs.value},
          {"tpot_ms", row.tpotMs.value},
          {"capacity_qps_per_replica", row.capacityQpsPerReplica},
          {"replicas", row.replicas}}},
        {"extra_body", forcesLength ? nlohmann::json{{"ignore_eos", true}} : nlohmann::json::object()},
    };
    std::string body(kLocustTemplate);
    // JSON inside a raw triple-quoted string: only a triple quote or a trailing backslash could
    // end it early, and dump() escapes every quote in the values.
    body.replace(body.find("@PLAN@"), 6, plan.dump(4));
    return "#!/usr/bin/env python3\n" + header(row, scenario, launch, pools, sizing, "Locust load test") + body;
}

std::string benchScript(const PlanRow& row, const Scenario& scenario, const ServingLaunch& launch,
                        const DisaggregatedLaunch* pools, const DeploySizing& sizing, const ExportOptions& options) {
    const LengthDistribution& in = scenario.workload.inputTokens;
    const LengthDistribution& out = scenario.workload.outputTokens;
    const Slo& slo = scenario.slo;
    const int prompts = std::max(100, static_cast<int>(std::ceil(sizing.loadQps * options.loadTestSeconds)));
    std::set<std::string> percentiles{percentWord(slo.ttftPercentile), percentWord(slo.tpotPercentile), "50", "99"};
    std::string percentileList;
    for (const std::string& p : percentiles)
        percentileList += (percentileList.empty() ? "" : ",") + p;
    std::string goodput;
    if (slo.ttftMs > 0)
        goodput += " ttft:" + fixed(slo.ttftMs, 1);
    if (slo.tpotMs > 0)
        goodput += " tpot:" + fixed(slo.tpotMs, 1);

    std::string s = "#!/usr/bin/env bash\n" + header(row, scenario, launch, pools, sizing, "vllm bench serve run");
    s += "# Lengths: vllm bench's random dataset is uniform in [len x (1 - r), len x (1 + r)] (vLLM >= 0.9);\n"
         "# r matches the scenario's standard deviation, so the spread is an approximation of its shape.\n"
         "# Exits 1 when a measured SLO percentile misses its target.\n"
         "set -euo pipefail\n";
    s += "BASE_URL=\"${BASE_URL:-" + baseUrl(launch, options) + "}\"\n";
    s += "RESULT=\"${RESULT:-serveplan-plan-" + std::to_string(row.rank) + "-bench.json}\"\n\n";
    s += "vllm bench serve \\\n"
         "    --backend openai \\\n"
         "    --base-url \"$BASE_URL\" \\\n"
         "    --endpoint /v1/completions \\\n"
         "    --model " +
         shellQuote(launch.servedModel) +
         " \\\n"
         "    --dataset-name random \\\n"
         "    --random-input-len " +
         std::to_string(std::lround(meanOf(in))) +
         " \\\n"
         "    --random-output-len " +
         std::to_string(std::lround(meanOf(out))) +
         " \\\n"
         "    --random-range-ratio " +
         fixed(std::min(rangeRatio(in), rangeRatio(out)), 3) +
         " \\\n"
         "    --request-rate " +
         fixed(sizing.loadQps, 3) +
         " \\\n"
         "    --burstiness 1.0 \\\n"
         "    --num-prompts " +
         std::to_string(prompts) +
         " \\\n"
         "    --ignore-eos \\\n"
         "    --percentile-metrics ttft,tpot,itl,e2el \\\n"
         "    --metric-percentiles " +
         percentileList + " \\\n";
    if (!goodput.empty())
        s += "    --goodput" + goodput + " \\\n";
    s += "    --save-result \\\n"
         "    --result-filename \"$RESULT\"\n\n";
    s += "python3 - \"$RESULT\" <<'PY'\n"
         "import json, sys\n"
         "result = json.load(open(sys.argv[1]))\n"
         "checks = [(\"p" +
         percentWord(slo.ttftPercentile) + "_ttft_ms\", " + fixed(slo.ttftMs, 1) + "), (\"p" +
         percentWord(slo.tpotPercentile) + "_tpot_ms\", " + fixed(slo.tpotMs, 1) +
         ")]\n"
         "passed = True\n"
         "for key, target in checks:\n"
         "    if target <= 0:\n"
         "        continue\n"
         "    measured = result.get(key)\n"
         "    ok = measured is not None and measured <= target\n"
         "    passed = passed and ok\n"
         "    print(\"%s %s = %s ms (target %.1f ms)\" % (\"PASS\" if ok else \"FAIL\", key, measured, target))\n"
         "sys.exit(0 if passed else 1)\n"
         "PY\n";
    return s;
}

} // namespace

Result<std::vector<GeneratedFile>> exportLoadTest(const PlanResult& result, const Scenario& scenario,
                                                  const Catalog& catalog, const ExportOptions& options) {
    auto row = deployableRow(result, options.rank);
    if (!row)
        return Error{row.error()};
    auto launch = resolveLaunch(**row, scenario, catalog, options);
    if (!launch)
        return Error{launch.error()};
    std::optional<DisaggregatedLaunch> pools;
    if ((*row)->disaggregated) {
        auto resolved = resolveDisaggregatedLaunch(**row, scenario, catalog, options);
        if (!resolved)
            return Error{resolved.error()};
        pools = std::move(*resolved);
    }
    const DisaggregatedLaunch* p = pools ? &*pools : nullptr;
    const DeploySizing sizing = deploySizing(**row, scenario);
    return std::vector<GeneratedFile>{
        {"locustfile.py", locustFile(**row, scenario, *launch, p, sizing, options), false},
        {"vllm_bench.sh", benchScript(**row, scenario, *launch, p, sizing, options), true}};
}

} // namespace serveplan
