#pragma once
// Turns ReportData into the report's pages: cover with contents, executive summary, assumptions,
// cost versus load, the ranked plans, the recommended plan in detail, autoscaling, excluded plans,
// price sources and the uncertainty bands. Every user-visible string goes through tr() in the
// `Report` context (charts: `Charts`), so a Chinese UI gives a Chinese report.
#include "report/ReportData.h"
#include "report/ReportDocument.h"

#include <QPageSize>

namespace serveplan::ui {

class ReportComposer final {
public:
    /// Plans shown in the ranked table when the scenario sets no `top`.
    static constexpr int kDefaultTopPlans = 20;

    static ReportDocument compose(const ReportData& data);
    /// Running header/footer, fonts (CJK-first when the UI language is Chinese) and the cover.
    static ReportDocument::PageSetup pageSetup(const ReportData& data, const QPageSize& pageSize);
    /// The report's title in the current UI language.
    static QString title();

private:
    static void summary(ReportDocument& doc, const ReportData& data);
    static void assumptions(ReportDocument& doc, const ReportData& data);
    static void costVersusLoad(ReportDocument& doc, const ReportData& data);
    static void topPlans(ReportDocument& doc, const ReportData& data);
    static void recommendedDetail(ReportDocument& doc, const ReportData& data);
    static void autoscaling(ReportDocument& doc, const ReportData& data);
    static void excluded(ReportDocument& doc, const ReportData& data);
    static void priceSources(ReportDocument& doc, const ReportData& data);
    static void uncertainty(ReportDocument& doc, const ReportData& data);
    static void paintCover(QPainter& painter, const QRectF& page, const std::vector<ReportDocument::TocEntry>& toc,
                           const ReportData& data, const QStringList& families);

    static QString sloText(const Scenario& scenario);
    static QString sloMetText(const PlanRow& row, const Scenario& scenario);
    static QString lengthText(const LengthDistribution& d);
    static QString percentileName(double percentile);
};

} // namespace serveplan::ui
