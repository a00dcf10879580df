#include "PerfCliSupport.h"

#include "CatalogDb.h"
#include "SaveFile.h"

#include <QFile>

namespace serveplan::cli {

Result<Catalog> loadPerfCatalog(const CliContext& context) {
    auto db = models::CatalogDb::open(context.dbPath);
    if (!db)
        return Error{db.error()};
    return db.value()->loadCatalog();
}

Result<CsvTable> readCsvFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{path.toStdString() + ": " + file.errorString().toStdString()};
    const QByteArray bytes = file.readAll();
    return CsvReader::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), path.toStdString());
}

Result<void> saveFile(const QString& path, const std::string& bytes) {
    return models::saveFile(path, std::string_view(bytes));
}

} // namespace serveplan::cli
