#pragma once
// The provider fetchers, one class per provider behind PriceFetcher. Each .cpp cites the interface
// it implements; README.md in this folder lists them with their documentation.
#include "PriceFetcher.h"

namespace serveplan::models::fetch {

/// AWS Price List bulk offer files (EC2 On-Demand + Reserved), Savings Plans offer files, spot feed.
class AwsFetcher final : public PriceFetcher {
public:
    AwsFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// Azure Retail Prices API (consumption, spot, reservations, savings plan), following NextPageLink.
class AzureFetcher final : public PriceFetcher {
public:
    AzureFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// Google Cloud Billing Catalog API (Compute Engine SKUs: on-demand, spot, committed use).
class GcpFetcher final : public PriceFetcher {
public:
    GcpFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// Alibaba Cloud ECS DescribeInstanceTypes + DescribePrice, signed ACS3-HMAC-SHA256.
class AlibabaFetcher final : public PriceFetcher {
public:
    AlibabaFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// Tencent Cloud CVM DescribeZoneInstanceConfigInfos + InquiryPriceRunInstances +
/// DescribeReservedInstancesOfferings, signed TC3-HMAC-SHA256.
class TencentFetcher final : public PriceFetcher {
public:
    TencentFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// RunPod GraphQL gpuTypes (secure on-demand and spot per GPU).
class RunPodFetcher final : public PriceFetcher {
public:
    RunPodFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// Lambda Cloud /api/v1/instance-types (on-demand).
class LambdaFetcher final : public PriceFetcher {
public:
    LambdaFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

/// Vast.ai marketplace bundles (median on-demand and interruptible bid per GPU and count).
class VastFetcher final : public PriceFetcher {
public:
    VastFetcher();
    Result<FetchResult> fetch(const FetchOptions& options, const Credentials& credentials) override;
};

} // namespace serveplan::models::fetch
