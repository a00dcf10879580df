// The one table of user-facing enum labels (models/EnumLabels): every enumerator of each enum the user
// sees is listed once and has a label of its own, and the Chinese translation covers every label that
// is a word (product names, precisions and attention kinds stay as written in both languages).
// The pickers that list these labels are checked against the table in ui.TestEnumLabelPickers.
#include "EnumLabels.h"
#include "PricingPlanLabels.h"
#include "TestSupport.h"

#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

#include <map>
#include <set>
#include <string>

using namespace Qt::StringLiterals;
using namespace serveplan;
using namespace serveplan::models;

namespace {

/// Every (context, English source) of the .ts file with a finished, non-empty Chinese translation;
/// nothing when the file does not read to its end.
std::set<std::pair<QString, QString>> translatedSources() {
    std::set<std::pair<QString, QString>> done;
    QFile file(test::sourcePath(u"resources/i18n/serveplan_zh_CN.ts"_s));
    if (!file.open(QIODevice::ReadOnly))
        return done;
    QXmlStreamReader xml(&file);
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "source"_L1) {
            source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            const bool unfinished = xml.attributes().value("type"_L1) == "unfinished"_L1;
            if (!unfinished && !xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed().isEmpty())
                done.insert({context, source});
        }
    }
    return xml.hasError() ? std::set<std::pair<QString, QString>>() : done;
}

/// The list holds every enumerator: the engine's text names (which fall back to a listed name, or to
/// nothing, for a value out of range) give as many distinct names over the first 64 values as the
/// list has entries, and the list's own entries name distinctly.
template <typename E, typename NameOf>
void checkComplete(std::span<const E> listed, NameOf nameOf) {
    std::set<std::string> all, ofListed;
    for (int i = 0; i < 64; ++i)
        if (const std::string name(nameOf(static_cast<E>(i))); !name.empty())
            all.insert(name);
    for (E e : listed)
        ofListed.insert(std::string(nameOf(e)));
    QCOMPARE(ofListed.size(), listed.size());
    QCOMPARE(all, ofListed);
}

/// Every listed enumerator has a non-empty label, no two the same.
template <typename E>
void checkLabels(std::span<const E> listed) {
    std::set<QString> labels;
    for (E e : listed) {
        const QString label = EnumLabels::label(e);
        QVERIFY2(!label.trimmed().isEmpty(), qPrintable(u"enumerator %1"_s.arg(int(e))));
        labels.insert(label);
    }
    QCOMPARE(labels.size(), listed.size());
}

/// Each label is a finished entry of the Chinese .ts file in `context`.
template <typename E>
void checkTranslated(std::span<const E> listed, const char* context,
                     const std::set<std::pair<QString, QString>>& translated) {
    QVERIFY(!translated.empty());
    for (E e : listed) {
        const QString label = EnumLabels::label(e);
        QVERIFY2(translated.count({QString::fromLatin1(context), label}),
                 qPrintable(u"%1 \"%2\" has no Chinese translation"_s.arg(QString::fromLatin1(context), label)));
    }
}

} // namespace

class TestEnumLabels : public QObject {
    Q_OBJECT
private slots:
    void everyEnumeratorIsListed();
    void everyEnumeratorHasItsOwnLabel();
    void chineseCoversEveryWord();
};

void TestEnumLabels::everyEnumeratorIsListed() {
    checkComplete(EnumLabels::trafficPresets(), [](TrafficPreset e) { return toString(e); });
    checkComplete(EnumLabels::workloadPresets(), [](WorkloadPreset e) { return toString(e); });
    checkComplete(EnumLabels::lengthKinds(), [](LengthDistribution::Kind e) { return toString(e); });
    checkComplete(EnumLabels::capacityMethods(), [](CapacityMethod e) { return toString(e); });
    checkComplete(EnumLabels::servingEngines(), [](ServingEngine e) { return toString(e); });
    checkComplete(EnumLabels::planStatuses(), [](PlanStatus e) { return toString(e); });
    checkComplete(EnumLabels::precisions(), [](Precision e) { return toString(e); });
    // The engine keeps attention names to the catalog files; the label switch has no fallback name.
    checkComplete(EnumLabels::attentionTypes(), [](AttentionType e) { return EnumLabels::label(e).toStdString(); });
    checkComplete(EnumLabels::mtpModes(), [](MtpMode e) { return toString(e); });
    checkComplete(EnumLabels::disaggregationModes(), [](DisaggregationMode e) { return toString(e); });
}

void TestEnumLabels::everyEnumeratorHasItsOwnLabel() {
    checkLabels(EnumLabels::trafficPresets());
    checkLabels(EnumLabels::workloadPresets());
    checkLabels(EnumLabels::lengthKinds());
    checkLabels(EnumLabels::capacityMethods());
    checkLabels(EnumLabels::servingEngines());
    checkLabels(EnumLabels::planStatuses());
    checkLabels(EnumLabels::precisions());
    checkLabels(EnumLabels::attentionTypes());
    checkLabels(EnumLabels::mtpModes());
    checkLabels(EnumLabels::disaggregationModes());
    // The pricing plans' own table (PricingPlanLabels) keeps the same promise.
    std::set<QString> plans;
    for (PricingPlan plan : allPricingPlans())
        plans.insert(PricingPlanLabels::label(plan));
    QCOMPARE(plans.size(), allPricingPlans().size());
    QVERIFY(!plans.count(QString()));
}

void TestEnumLabels::chineseCoversEveryWord() {
    const auto translated = translatedSources();
    checkTranslated(EnumLabels::trafficPresets(), "TrafficPreset", translated);
    checkTranslated(EnumLabels::workloadPresets(), "WorkloadPreset", translated);
    checkTranslated(EnumLabels::lengthKinds(), "LengthDistribution", translated);
    checkTranslated(EnumLabels::capacityMethods(), "CapacityMethod", translated);
    checkTranslated(EnumLabels::planStatuses(), "PlanStatus", translated);
    checkTranslated(EnumLabels::mtpModes(), "MtpMode", translated);
    checkTranslated(EnumLabels::disaggregationModes(), "DisaggregationMode", translated);
    for (PricingPlan plan : allPricingPlans())
        QVERIFY(translated.count({u"PricingPlan"_s, PricingPlanLabels::label(plan)}));
    // Engines are product names; only the generic profile is a word.
    const ServingEngine generic[] = {ServingEngine::Generic};
    checkTranslated(std::span<const ServingEngine>(generic), "ServingEngine", translated);
}

QTEST_MAIN(TestEnumLabels)
#include "TestEnumLabels.moc"
