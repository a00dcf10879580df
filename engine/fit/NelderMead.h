#pragma once
// Nelder–Mead minimisation of a function of a few parameters: the engine-profile fit (fit/ProfileFit)
// and the load-test refinement (calib/LoadTestFit) both search with it.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

namespace serveplan {

struct NelderMeadTolerance {
    double absolute = 1e-7;
    double relative = 1e-7;
};

/// Minimises `f` from `x0` (an unconstrained vector; bounds belong in `f`). The simplex starts `step`
/// away along each axis. `evaluations` is added to (and counts against `maxEvaluations`, so passes can
/// share one budget); the search stops when the simplex's worst and best values differ by less than
/// `tolerance.absolute + tolerance.relative × |best|`. `best` receives the minimum found.
template <typename F>
std::vector<double> nelderMead(F&& f, std::vector<double> x0, double step, int maxEvaluations, int& evaluations,
                               double& best, NelderMeadTolerance tolerance) {
    const std::size_t n = x0.size();
    std::vector<std::vector<double>> simplex(n + 1, x0);
    std::vector<double> values(n + 1);
    for (std::size_t i = 0; i < n; ++i)
        simplex[i + 1][i] += step;
    for (std::size_t i = 0; i <= n; ++i)
        values[i] = f(simplex[i]);
    evaluations += int(n + 1);
    std::vector<std::size_t> order(n + 1);
    std::vector<double> centroid(n), trial(n), trial2(n);
    auto along = [&](std::vector<double>& out, double t, std::size_t worst) {
        for (std::size_t j = 0; j < n; ++j)
            out[j] = centroid[j] + t * (simplex[worst][j] - centroid[j]);
    };
    while (evaluations < maxEvaluations) {
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
        const std::size_t bestI = order.front(), worst = order.back(), second = order[n - 1];
        if (std::fabs(values[worst] - values[bestI]) <
            tolerance.absolute + tolerance.relative * std::fabs(values[bestI]))
            break;
        std::fill(centroid.begin(), centroid.end(), 0.0);
        for (std::size_t i = 0; i <= n; ++i)
            if (i != worst)
                for (std::size_t j = 0; j < n; ++j)
                    centroid[j] += simplex[i][j] / double(n);
        along(trial, -1.0, worst); // reflect
        const double fr = f(trial);
        ++evaluations;
        if (fr < values[bestI]) {
            along(trial2, -2.0, worst); // expand
            const double fe = f(trial2);
            ++evaluations;
            if (fe < fr) {
                simplex[worst] = trial2;
                values[worst] = fe;
            } else {
                simplex[worst] = trial;
                values[worst] = fr;
            }
        } else if (fr < values[second]) {
            simplex[worst] = trial;
            values[worst] = fr;
        } else {
            along(trial2, fr < values[worst] ? -0.5 : 0.5, worst); // contract outside / inside
            const double fc = f(trial2);
            ++evaluations;
            if (fc < std::min(fr, values[worst])) {
                simplex[worst] = trial2;
                values[worst] = fc;
            } else { // shrink toward the best
                for (std::size_t i = 0; i <= n; ++i) {
                    if (i == bestI)
                        continue;
                    for (std::size_t j = 0; j < n; ++j)
                        simplex[i][j] = simplex[bestI][j] + 0.5 * (simplex[i][j] - simplex[bestI][j]);
                    values[i] = f(simplex[i]);
                }
                evaluations += int(n);
            }
        }
    }
    const std::size_t bestI = std::size_t(std::min_element(values.begin(), values.end()) - values.begin());
    best = values[bestI];
    return simplex[bestI];
}

} // namespace serveplan
