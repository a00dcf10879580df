#pragma once
// A local HTTP/1.1 server for tests that stand in for a provider's price interface (issue 16, "How
// to test without the internet"): it listens on 127.0.0.1, hands each request to a handler that
// answers with a recorded reply (a file from tests/data/prices, an error status, a reply cut short,
// or none at all for a timeout), and logs what it was asked. It runs on the test's thread: the
// client's local event loop serves it.
//
// Header-only on purpose: it needs Qt Network, which the tests that use it get from serveplan_models.
#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace serveplan::test {

struct FixtureRequest {
    QByteArray method;
    QUrl url;                              ///< path and query, relative to the server
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased
    QByteArray body;
    QString query(const QString& name) const { return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded); }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

struct FixtureReply {
    int status = 200;
    QByteArray body;
    QString filePath; ///< streamed from this file instead of `body` (large recorded inputs)
    QList<QPair<QByteArray, QByteArray>> headers;
    bool hang = false;     ///< accept the request and never answer (a timeout)
    bool truncate = false; ///< announce the full length, send half the body, close (a broken transfer)

    static FixtureReply file(const QString& path) {
        FixtureReply r;
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            r.body = f.readAll();
        else
            r.status = 599; // a missing fixture is a test bug: make it loud
        return r;
    }
    static FixtureReply withStatus(int code, const QByteArray& body = {}) {
        FixtureReply r;
        r.status = code;
        r.body = body;
        return r;
    }
};

class HttpFixtureServer {
public:
    using Handler = std::function<FixtureReply(const FixtureRequest&)>;

    explicit HttpFixtureServer(Handler handler)
        : m_handler(std::move(handler)) {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
    }
    ~HttpFixtureServer() {
        for (const QPointer<QTcpSocket>& s : std::as_const(m_sockets))
            if (s)
                s->abort();
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    /// http://127.0.0.1:PORT (no trailing slash): the `--endpoint` of the test.
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    const QList<FixtureRequest>& requests() const { return m_requests; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

private:
    struct Connection {
        QByteArray buffer;
        std::unique_ptr<QFile> file;
    };

    void accept() {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            m_sockets.append(socket);
            auto connection = std::make_shared<Connection>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, connection] {
                connection->buffer += socket->readAll();
                tryHandle(socket, *connection);
            });
            QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [socket, connection] {
                if (!connection->file)
                    return;
                if (socket->bytesToWrite() > (4 << 20))
                    return;
                const QByteArray chunk = connection->file->read(1 << 20);
                if (chunk.isEmpty()) {
                    connection->file.reset();
                    socket->disconnectFromHost();
                } else {
                    socket->write(chunk);
                }
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void tryHandle(QTcpSocket* socket, Connection& connection) {
        const qsizetype end = connection.buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        FixtureRequest request;
        const QList<QByteArray> lines = connection.buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.url = QUrl::fromEncoded(first.value(1));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (connection.buffer.size() < end + 4 + length)
            return;
        request.body = connection.buffer.mid(end + 4, length);
        connection.buffer.clear();
        m_requests.append(request);
        const FixtureReply reply = m_handler(request);
        if (reply.hang)
            return;
        qint64 size = reply.body.size();
        if (!reply.filePath.isEmpty()) {
            connection.file = std::make_unique<QFile>(reply.filePath);
            if (!connection.file->open(QIODevice::ReadOnly)) {
                connection.file.reset();
                size = 0;
            } else {
                size = connection.file->size();
            }
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) +
                          " Fixture\r\nContent-Length: " + QByteArray::number(size) + "\r\nConnection: close\r\n";
        bool haveType = false;
        for (const auto& [name, value] : reply.headers) {
            head += name + ": " + value + "\r\n";
            haveType = haveType || name.toLower() == "content-type";
        }
        if (!haveType)
            head += "Content-Type: application/json\r\n";
        socket->write(head + "\r\n");
        if (connection.file) {
            socket->write(connection.file->read(1 << 20));
            return; // the rest follows bytesWritten
        }
        if (reply.truncate) {
            socket->write(reply.body.left(reply.body.size() / 2));
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
        socket->write(reply.body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<FixtureRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
};

/// The recorded provider replies in tests/data/prices (`dataDir`), served as each provider's
/// documented interface would: AWS bulk offer paths, Azure's pages by $skip, Alibaba's RPC actions by
/// the x-acs-action header and query, Tencent's actions by X-TC-Action and the JSON body, Lambda,
/// RunPod's GraphQL gpuTypes query and Vast's bundles search.
inline FixtureReply recordedPriceReply(const FixtureRequest& request, const QString& dataDir) {
    const QString path = request.url.path();
    auto file = [&](const QString& relative) { return FixtureReply::file(dataDir + u'/' + relative); };
    auto member = [&](const QString& relative, const QString& first, const QString& second) {
        QFile f(dataDir + u'/' + relative);
        if (!f.open(QIODevice::ReadOnly))
            return FixtureReply::withStatus(599);
        const QJsonObject reply =
            QJsonDocument::fromJson(f.readAll()).object().value(first).toObject().value(second).toObject();
        if (reply.isEmpty())
            return FixtureReply::withStatus(404,
                                            R"({"Code":"InvalidInstanceType.NotFound","Message":"no recorded reply"})");
        FixtureReply r;
        r.body = QJsonDocument(reply).toJson(QJsonDocument::Compact);
        r.status = reply.contains(QStringLiteral("Code")) ? 400 : 200; // Alibaba errors come with HTTP 4xx
        return r;
    };
    if (path == QStringLiteral("/offers/v1.0/aws/index.json"))
        return file(QStringLiteral("aws/index.json"));
    if (path == QStringLiteral("/offers/v1.0/aws/AmazonEC2/current/region_index.json"))
        return file(QStringLiteral("aws/region_index.json"));
    if (path.startsWith(QStringLiteral("/offers/v1.0/aws/AmazonEC2/")) &&
        path.endsWith(QStringLiteral("/us-east-1/index.json")))
        return file(QStringLiteral("aws/ec2_us-east-1.json"));
    if (path == QStringLiteral("/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json"))
        return file(QStringLiteral("aws/sp_region_index.json"));
    if (path.startsWith(QStringLiteral("/savingsPlan/")) && path.endsWith(QStringLiteral("/us-east-1/index.json")))
        return file(QStringLiteral("aws/sp_us-east-1.json"));
    if (path == QStringLiteral("/spot.json"))
        return file(QStringLiteral("aws/spot.json"));
    if (path == QStringLiteral("/api/retail/prices")) {
        if (!request.query(QStringLiteral("$filter")).contains(QStringLiteral("'eastus'")))
            return file(QStringLiteral("azure/eastus_page3.json"));
        const QString skip = request.query(QStringLiteral("$skip"));
        return file(skip == QStringLiteral("2000")   ? QStringLiteral("azure/eastus_page3.json")
                    : skip == QStringLiteral("1000") ? QStringLiteral("azure/eastus_page2.json")
                                                     : QStringLiteral("azure/eastus_page1.json"));
    }
    if (path == QStringLiteral("/v1/services/6F81-5844-456A/skus"))
        return file(request.query(QStringLiteral("pageToken")).isEmpty() ? QStringLiteral("gcp/skus_page1.json")
                                                                         : QStringLiteral("gcp/skus_page2.json"));
    if (path == QStringLiteral("/api/v1/instance-types"))
        return file(QStringLiteral("market/lambda_instance_types.json"));
    if (path == QStringLiteral("/graphql") && request.body.contains("gpuTypes"))
        return file(QStringLiteral("market/runpod_gpu_types.json"));
    if (path == QStringLiteral("/api/v0/bundles/"))
        return file(QStringLiteral("market/vast_bundles.json"));
    const QByteArray acsAction = request.header("x-acs-action");
    if (acsAction == "DescribeInstanceTypes")
        return file(request.query(QStringLiteral("NextToken")).isEmpty()
                        ? QStringLiteral("alibaba/DescribeInstanceTypes_page1.json")
                        : QStringLiteral("alibaba/DescribeInstanceTypes_page2.json"));
    if (acsAction == "DescribePrice") {
        QString key;
        if (request.query(QStringLiteral("ResourceType")) == QStringLiteral("reservedinstance"))
            key = QStringLiteral("RI/") + request.query(QStringLiteral("Period")) + u'/' +
                  request.query(QStringLiteral("OfferingType"));
        else if (request.query(QStringLiteral("PriceUnit")) == QStringLiteral("Hour"))
            key = request.query(QStringLiteral("SpotStrategy")).isEmpty()
                      ? QStringLiteral("Hour")
                      : QStringLiteral("Hour/") + request.query(QStringLiteral("SpotStrategy"));
        else
            key = request.query(QStringLiteral("PriceUnit")) + u'/' + request.query(QStringLiteral("Period"));
        return member(QStringLiteral("alibaba/DescribePrice.json"), request.query(QStringLiteral("InstanceType")), key);
    }
    const QByteArray tcAction = request.header("x-tc-action");
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (tcAction == "DescribeZoneInstanceConfigInfos")
        return file(QStringLiteral("tencent/DescribeZoneInstanceConfigInfos_") +
                    QString::fromLatin1(request.header("x-tc-region")) + QStringLiteral(".json"));
    if (tcAction == "InquiryPriceRunInstances") {
        const QString charge = body.value(QStringLiteral("InstanceChargeType")).toString();
        const QString key = charge == QStringLiteral("PREPAID")
                                ? charge + u'/' +
                                      QString::number(body.value(QStringLiteral("InstanceChargePrepaid"))
                                                          .toObject()
                                                          .value(QStringLiteral("Period"))
                                                          .toInt())
                                : charge;
        FixtureReply r = member(QStringLiteral("tencent/InquiryPriceRunInstances.json"),
                                body.value(QStringLiteral("InstanceType")).toString(), key);
        r.status = 200; // Tencent answers errors with HTTP 200 and Response.Error
        return r;
    }
    if (tcAction == "DescribeReservedInstancesOfferings")
        return file(body.value(QStringLiteral("Offset")).toInt() == 0
                        ? QStringLiteral("tencent/DescribeReservedInstancesOfferings_page1.json")
                        : QStringLiteral("tencent/DescribeReservedInstancesOfferings_page2.json"));
    return FixtureReply::withStatus(404, "{\"message\":\"no recorded reply for this path\"}");
}

} // namespace serveplan::test
