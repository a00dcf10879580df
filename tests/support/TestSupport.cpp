#include "TestSupport.h"

namespace serveplan::test {

QString sourceDir() {
    return QStringLiteral(SERVEPLAN_SOURCE_DIR);
}

QString sourcePath(const QString& relative) {
    return sourceDir() + QLatin1Char('/') + relative;
}

QString testDataPath(const QString& relative) {
    return QStringLiteral(SERVEPLAN_TEST_DATA_DIR) + QLatin1Char('/') + relative;
}

} // namespace serveplan::test
