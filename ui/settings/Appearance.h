#pragma once
// Applies the language and theme preferences to the running application.
#include <QString>

namespace serveplan::ui {

class Appearance final {
public:
    /// Installs the translator for `language` ("en" removes it; "zh_CN" loads the embedded
    /// :/i18n/serveplan_zh_CN.qm). Returns false when the translation cannot be loaded.
    static bool applyLanguage(const QString& language);
    /// "dark" and "light" use the Fusion style with a matching palette; "system" keeps the platform's.
    static void applyTheme(const QString& theme);
    /// Both, from the saved preferences (at start).
    static void applySaved();
};

} // namespace serveplan::ui
