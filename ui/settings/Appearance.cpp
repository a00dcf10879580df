#include "settings/Appearance.h"

#include "settings/AppSettings.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace serveplan::ui {

namespace {

/// The one translator of the app's own strings; lives as long as the application.
QTranslator* appTranslator() {
    static QTranslator* translator = new QTranslator(qApp);
    return translator;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), highlight(42, 130, 218);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(127, 127, 127));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(127, 127, 127));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(127, 127, 127));
    return p;
}

} // namespace

bool Appearance::applyLanguage(const QString& language) {
    QTranslator* translator = appTranslator();
    QCoreApplication::removeTranslator(translator);
    if (language != QStringLiteral("zh_CN"))
        return true;
    if (!translator->load(QStringLiteral(":/i18n/serveplan_zh_CN.qm")))
        return false;
    return QCoreApplication::installTranslator(translator);
}

void Appearance::applyTheme(const QString& theme) {
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (!app || theme == QStringLiteral("system"))
        return;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == QStringLiteral("dark") ? darkPalette()
                                                             : QApplication::style()->standardPalette());
}

void Appearance::applySaved() {
    applyLanguage(AppSettings::language());
    applyTheme(AppSettings::theme());
}

} // namespace serveplan::ui
