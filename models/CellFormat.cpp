#include "CellFormat.h"

#include <QLocale>

#include <limits>

namespace serveplan::models {

QString CellFormat::number(double value, int decimals) {
    QString text = QLocale::c().toString(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    // Group thousands of the integer part for readability (QLocale::c() does not group).
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    const qsizetype integerEnd = dot < 0 ? text.size() : dot;
    const qsizetype start = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    for (qsizetype i = integerEnd - 3; i > start; i -= 3)
        text.insert(i, QLatin1Char(','));
    return text;
}

QString CellFormat::text(const std::string& value) {
    return value.empty() ? missing() : QString::fromStdString(value);
}

QVariant CellFormat::sortKey(double value, bool present) {
    return present ? value : std::numeric_limits<double>::infinity();
}

Cell CellFormat::numberCell(double value, int decimals, bool zeroIsValue) {
    const bool present = value != 0 || zeroIsValue;
    return Cell{present ? number(value, decimals) : missing(), sortKey(value, present), !present};
}

Cell CellFormat::textCell(const std::string& value) {
    // Missing text sorts after every other value, like a missing number.
    return Cell{text(value), value.empty() ? QStringLiteral("\uffff") : QString::fromStdString(value).toLower(),
                value.empty()};
}

} // namespace serveplan::models
