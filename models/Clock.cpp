#include "Clock.h"

#include <QTimeZone>

#include <mutex>

namespace serveplan::models {

namespace {
std::mutex g_mutex;
QDateTime g_fixed; ///< invalid: the system clock
} // namespace

QDateTime Clock::nowUtc() {
    {
        const std::lock_guard lock(g_mutex);
        if (g_fixed.isValid())
            return g_fixed;
    }
    return QDateTime::currentDateTimeUtc();
}

QDate Clock::todayUtc() {
    return nowUtc().date();
}

QDate Clock::todayLocal() {
    return nowUtc().toLocalTime().date();
}

Clock::Fixed::Fixed(const QDateTime& at) {
    const std::lock_guard lock(g_mutex);
    m_previous = g_fixed;
    g_fixed = at.toTimeZone(QTimeZone::utc());
}

Clock::Fixed::~Fixed() {
    const std::lock_guard lock(g_mutex);
    g_fixed = m_previous;
}

} // namespace serveplan::models
