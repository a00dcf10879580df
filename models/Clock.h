#pragma once
// The one place that answers "now". Code that stamps a record, names a backup or dates a report asks
// Clock instead of QDateTime::currentDateTimeUtc(), so a test can fix the time (Clock::Fixed) and
// compare whole outputs.
#include <QDate>
#include <QDateTime>

namespace serveplan::models {

class Clock final {
public:
    /// The current time in UTC, or the fixed time while a Clock::Fixed lives.
    static QDateTime nowUtc();
    /// Today's date in UTC.
    static QDate todayUtc();
    /// Today's date in the local time zone (what a user means by "today" in a form).
    static QDate todayLocal();

    /// Fixes the clock at `at` (a UTC time) until destroyed; nests, restoring the previous fix. For tests.
    class Fixed final {
    public:
        explicit Fixed(const QDateTime& at);
        ~Fixed();
        Fixed(const Fixed&) = delete;
        Fixed& operator=(const Fixed&) = delete;

    private:
        QDateTime m_previous;
    };
};

} // namespace serveplan::models
