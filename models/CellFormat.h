#pragma once
// How the catalog tables show values: numbers without trailing zeros, and an em dash for a value
// the source does not give (never 0).
#include <QString>
#include <QVariant>

#include <string>

namespace serveplan::models {

/// One cell as the tables show and sort it.
struct Cell {
    QString display;
    QVariant sort;
    bool missing = false;
};

class CellFormat final {
public:
    static QString missing() { return QStringLiteral("\u2014"); }
    /// Up to `decimals` decimals, trailing zeros dropped, grouped thousands ("16,676", "3.912").
    static QString number(double value, int decimals = 3);
    static QString text(const std::string& value);
    /// A value for SortRole: the number, or +infinity for a missing one so it sorts last.
    static QVariant sortKey(double value, bool present);
    /// A numeric cell; 0 (the catalog's "not given") is missing unless `zeroIsValue`.
    static Cell numberCell(double value, int decimals = 3, bool zeroIsValue = false);
    static Cell textCell(const std::string& value);
};

} // namespace serveplan::models
