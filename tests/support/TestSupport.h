#pragma once
// Helpers shared by the test suites: where the source tree and its data are.
#include <QString>

namespace serveplan::test {

/// The repository root (for resources/data and the like).
QString sourceDir();
/// A file under the repository, e.g. sourcePath("resources/data/gpus.csv").
QString sourcePath(const QString& relative);
/// tests/data/<relative>: fixtures committed with the tests.
QString testDataPath(const QString& relative);

} // namespace serveplan::test
