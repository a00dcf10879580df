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

PerfOptions::PerfOptions(const QStringList& accepted, const QStringList& args)
    : names(accepted) {
    for (int i = 0; i < names.size(); ++i)
        values.append(QString());
    for (int i = 0; i < args.size(); ++i) {
        const int index = names.indexOf(args[i]);
        if (index < 0) {
            error = QStringLiteral("unknown argument ") + args[i];
            return;
        }
        if (i + 1 >= args.size()) {
            error = args[i] + QStringLiteral(" needs a value");
            return;
        }
        values[index] = args[++i];
    }
}

QString PerfOptions::value(const QString& name) const {
    const int index = names.indexOf(name);
    return index < 0 ? QString() : values[index];
}

} // namespace serveplan::cli
