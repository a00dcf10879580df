#include "CalibrationStore.h"

#include "Clock.h"
#include "QtText.h"
#include "SaveFile.h"
#include "SqlHelpers.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace serveplan::models {

namespace {

constexpr const char* kFormat = "serveplan-calibration";
constexpr int kVersion = 1;

} // namespace

CalibrationStore::CalibrationStore(QSqlDatabase db)
    : m_db(std::move(db)) {}

Result<qint64> CalibrationStore::addRun(const QString& gpu, const QString& kind, const QByteArray& probeOutput,
                                        const QString& summary, const QString& created) {
    if (gpu.isEmpty())
        return Error{"calibration run: the GPU is empty"};
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, u"INSERT INTO calibration_runs (created, gpu, kind, raw_json, summary) "
                                  "VALUES (?, ?, ?, ?, ?)"_s));
    const QString when = created.isEmpty() ? Clock::nowUtc().toString(Qt::ISODate) : created;
    SERVEPLAN_TRY(sql::run(q, {when, gpu, kind, QString::fromUtf8(probeOutput), summary}));
    return q.lastInsertId().toLongLong();
}

Result<std::vector<CalibrationRunInfo>> CalibrationStore::runs() const {
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, u"SELECT r.id, r.created, r.gpu, r.kind, r.summary, "
                                  "EXISTS (SELECT 1 FROM calibration_factors f WHERE f.run_id = r.id) "
                                  "FROM calibration_runs r ORDER BY r.id"_s));
    SERVEPLAN_TRY(sql::run(q, {}));
    std::vector<CalibrationRunInfo> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                       q.value(4).toString(), q.value(5).toBool()});
    return out;
}

Result<CalibrationRunInfo> CalibrationStore::run(qint64 id) const {
    auto all = runs();
    if (!all)
        return Error{all.error()};
    for (const CalibrationRunInfo& r : *all)
        if (r.id == id)
            return r;
    return Error{"calibration run " + std::to_string(id) + " does not exist"};
}

Result<QByteArray> CalibrationStore::probeOutput(qint64 id) const {
    auto value = sql::scalar(m_db, u"SELECT raw_json FROM calibration_runs WHERE id = ?"_s, {id});
    if (!value)
        return Error{value.error()};
    if (!value->isValid())
        return Error{"calibration run " + std::to_string(id) + " does not exist"};
    return value->toString().toUtf8();
}

Result<void> CalibrationStore::remove(qint64 id) {
    if (auto r = run(id); !r)
        return Error{r.error()};
    // Factors first: the foreign key cascades too, but not every connection has foreign keys on.
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, u"DELETE FROM calibration_factors WHERE run_id = ?"_s));
    SERVEPLAN_TRY(sql::run(q, {id}));
    SERVEPLAN_TRY(sql::prepare(q, u"DELETE FROM calibration_runs WHERE id = ?"_s));
    SERVEPLAN_TRY(sql::run(q, {id}));
    return {};
}

Result<void> CalibrationStore::apply(qint64 id, const std::vector<CalibrationFactor>& factors, const QString& engine) {
    auto info = run(id);
    if (!info)
        return Error{info.error()};
    if (factors.empty())
        return Error{"calibration run " + std::to_string(id) + " has no factors to apply"};
    if (!m_db.transaction())
        return Error{sql::message(u"begin"_s, m_db)};
    auto body = [&]() -> Result<void> {
        QSqlQuery q(m_db);
        SERVEPLAN_TRY(sql::prepare(q, u"DELETE FROM calibration_factors WHERE gpu_id = ? AND engine = ?"_s));
        SERVEPLAN_TRY(sql::run(q, {info->gpu, engine}));
        SERVEPLAN_TRY(sql::prepare(
            q, u"INSERT INTO calibration_factors (run_id, gpu_id, engine, name, value) VALUES (?, ?, ?, ?, ?)"_s));
        for (const CalibrationFactor& f : factors)
            SERVEPLAN_TRY(sql::run(q, {id, info->gpu, engine, QString::fromStdString(f.name), f.value}));
        return {};
    };
    if (auto r = body(); !r) {
        m_db.rollback();
        return r;
    }
    if (!m_db.commit())
        return Error{sql::message(u"commit"_s, m_db)};
    return {};
}

Result<void> CalibrationStore::unapply(const QString& gpu, const QString& engine) {
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(q, u"DELETE FROM calibration_factors WHERE gpu_id = ? AND engine = ?"_s));
    return sql::run(q, {gpu, engine});
}

Result<std::vector<CalibrationFactor>> CalibrationStore::appliedFactors(const QString& gpu,
                                                                        const QString& engine) const {
    QSqlQuery q(m_db);
    SERVEPLAN_TRY(sql::prepare(
        q, u"SELECT name, value, run_id FROM calibration_factors WHERE gpu_id = ? AND engine = ? ORDER BY name"_s));
    SERVEPLAN_TRY(sql::run(q, {gpu, engine}));
    std::vector<CalibrationFactor> out;
    while (q.next())
        out.push_back({q.value(0).toString().toStdString(), q.value(1).toDouble(),
                       Message(MessageCode::FactorCalibrationRun, {MessageArg::integer(q.value(2).toLongLong())})});
    return out;
}

Result<void> CalibrationStore::exportRun(qint64 id, const QString& path) const {
    auto info = run(id);
    if (!info)
        return Error{info.error()};
    auto raw = probeOutput(id);
    if (!raw)
        return Error{raw.error()};
    QByteArray bytes;
    if (QJsonDocument::fromJson(*raw).isObject()) {
        bytes = *raw; // a load-test run is stored as one JSON document already: it travels as is
    } else {
        bytes = QJsonDocument(exportDocument(*info, *raw)).toJson(QJsonDocument::Indented);
    }
    return saveFile(path, bytes);
}

QJsonObject CalibrationStore::exportDocument(const CalibrationRunInfo& info, const QByteArray& raw) {
    QJsonArray lines;
    for (const QByteArray& line : raw.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            lines.append(doc.object());
    }
    return QJsonObject{{u"format"_s, QLatin1String(kFormat)},
                       {u"version"_s, kVersion},
                       {u"gpu"_s, info.gpu},
                       {u"kind"_s, info.kind},
                       {u"created"_s, info.created},
                       {u"summary"_s, info.summary},
                       {u"probe_output"_s, lines}};
}

Result<CalibrationRunFile> CalibrationStore::readRunFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{stdText(path) + ": " + stdText(file.errorString())};
    const QByteArray bytes = file.readAll();
    CalibrationRunFile run;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject() && doc.object().contains(u"format"_s)) {
        const QJsonObject root = doc.object();
        if (root.value(u"format"_s).toString() != QLatin1String(kFormat))
            return Error{stdText(path) + ": field \"format\": expected \"" + kFormat + "\""};
        if (root.value(u"version"_s).toInt() != kVersion)
            return Error{stdText(path) + ": field \"version\": expected 1, found " +
                         std::to_string(root.value(u"version"_s).toInt()) + " (a newer ServePlan wrote it?)"};
        if (!root.value(u"probe_output"_s).isArray())
            return Error{stdText(path) + ": field \"probe_output\": expected an array of probe lines"};
        run.gpu = root.value(u"gpu"_s).toString();
        run.kind = root.value(u"kind"_s).toString();
        run.created = root.value(u"created"_s).toString();
        run.summary = root.value(u"summary"_s).toString();
        for (const QJsonValue& line : root.value(u"probe_output"_s).toArray())
            run.probeOutput += QJsonDocument(line.toObject()).toJson(QJsonDocument::Compact) + '\n';
    } else {
        run.probeOutput = bytes; // bare probe output: serveplan-probe > run.jsonl
    }
    const auto parsed = parseProbeOutput(run.probeOutput.toStdString());
    if (!parsed)
        return Error{stdText(path) + ": " + parsed.error()};
    if (run.kind.isEmpty())
        run.kind = u"probe"_s;
    return run;
}

} // namespace serveplan::models
