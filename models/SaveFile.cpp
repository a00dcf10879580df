#include "SaveFile.h"

#include "QtText.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace serveplan::models {

std::string saveFileError(const QString& path, const QString& reason) {
    return stdText(
        QCoreApplication::translate("SaveFile", "cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason));
}

Result<void> saveFile(const QString& path, const std::function<Result<void>(QIODevice*)>& write) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{saveFileError(path, file.errorString())};
    if (Result<void> written = write(&file); !written) {
        file.cancelWriting();
        return Error{saveFileError(path, qtText(written.error()))};
    }
    if (!file.commit())
        return Error{saveFileError(path, file.errorString())};
    return {};
}

Result<void> saveFile(const QString& path, std::string_view bytes) {
    return saveFile(path, [bytes](QIODevice* device) -> Result<void> {
        const auto size = static_cast<qint64>(bytes.size());
        if (device->write(bytes.data(), size) != size)
            return Error{stdText(device->errorString())};
        return {};
    });
}

Result<void> saveFile(const QString& path, const QByteArray& bytes) {
    return saveFile(path, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

} // namespace serveplan::models
