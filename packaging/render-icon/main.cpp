// serveplan-render-icon: draws the app's SVG icon into the hicolor PNG sizes at build time, so the PNGs
// always match the one SVG source. ImageMagick on Debian 12 cannot read SVG without librsvg2-bin, and
// QSvgRenderer is already a build dependency (qt6-svg-dev).
//   serveplan-render-icon INPUT.svg OUTPUT_DIR NAME SIZE... -> OUTPUT_DIR/SIZExSIZE/NAME.png
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>

namespace {

int fail(const QString& what) {
    std::fprintf(stderr, "serveplan-render-icon: %s\n", qUtf8Printable(what));
    return 1;
}

bool renderOne(QSvgRenderer& svg, int size, const QString& path) {
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        svg.render(&painter, QRectF(0, 0, size, size));
    }
    return image.save(path, "PNG");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 5)
        return fail(QStringLiteral("usage: serveplan-render-icon INPUT.svg OUTPUT_DIR NAME SIZE..."));
    const QString input = QString::fromLocal8Bit(argv[1]);
    const QDir outputDir(QString::fromLocal8Bit(argv[2]));
    const QString name = QString::fromLocal8Bit(argv[3]);
    QSvgRenderer svg(input);
    if (!svg.isValid())
        return fail(input + QStringLiteral(": not a valid SVG file (QSvgRenderer could not parse it)"));
    for (int i = 4; i < argc; ++i) {
        bool ok = false;
        const int size = QString::fromLocal8Bit(argv[i]).toInt(&ok);
        if (!ok || size < 1 || size > 1024)
            return fail(QStringLiteral("size '%1': expected a whole number of pixels from 1 to 1024")
                            .arg(QString::fromLocal8Bit(argv[i])));
        const QString sub = QStringLiteral("%1x%1").arg(size);
        if (!outputDir.mkpath(sub))
            return fail(outputDir.filePath(sub) + QStringLiteral(": cannot create the folder"));
        const QString path = outputDir.filePath(sub + QLatin1Char('/') + name + QStringLiteral(".png"));
        if (!renderOne(svg, size, path))
            return fail(path + QStringLiteral(": cannot write the PNG"));
    }
    return 0;
}
