#pragma once
// Errors cross module boundaries as values. A small stand-in for std::expected (C++23), which
// g++ 12 in C++20 mode does not ship.
#include "common/Message.h"

#include <string>
#include <utility>
#include <variant>

namespace serveplan {

struct Error {
    std::string message; ///< English: the CLI's text
    Message reason;      ///< the same as a code with arguments where the engine has one (the GUI translates it)

    explicit Error(std::string text)
        : message(std::move(text)) {}
    Error(std::string text, Message why)
        : message(std::move(text))
        , reason(std::move(why)) {}
    /// An error worded by `why`: its English text for the CLI, the message for the GUI.
    static Error because(Message why) {
        std::string text = toEnglish(why); // before `why` moves: argument order is unspecified
        return Error(std::move(text), std::move(why));
    }
};

template <typename T>
class Result {
public:
    Result(T value)
        : m_state(std::move(value)) {} // NOLINT(google-explicit-constructor)
    Result(Error error)
        : m_state(std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(m_state); }
    T& value() & { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const std::string& error() const { return std::get<Error>(m_state).message; }
    /// The error as a message (empty where the error is English text only).
    const Message& reason() const { return std::get<Error>(m_state).reason; }

private:
    std::variant<T, Error> m_state;
};

template <>
class Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error.message))
        , m_reason(std::move(error.reason))
        , m_failed(true) {} // NOLINT

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const std::string& error() const { return m_error; }
    const Message& reason() const { return m_reason; }

private:
    std::string m_error;
    Message m_reason;
    bool m_failed = false;
};

} // namespace serveplan
