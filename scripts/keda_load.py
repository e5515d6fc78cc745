"""A second load client for KEDA's external scaler (docs/BENCHMARKS.md): grpcio's asyncio client
keeping CONCURRENCY GetMetrics calls in flight on one channel for SECONDS; prints calls/s and the
latency quantiles. Run by scripts/bench-keda.sh with PYTHON_CLIENT=1 (it generates the client from
Tests/Fixtures/keda/externalscaler.proto into a temporary directory on PYTHONPATH).

Usage: keda_load.py ADDRESS CONCURRENCY SECONDS
"""
import asyncio
import sys
import time

import grpc
import externalscaler_pb2 as pb
import externalscaler_pb2_grpc as rpc

address, concurrency, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])


async def main():
    async with grpc.aio.insecure_channel(address) as channel:
        stub = rpc.ExternalScalerStub(channel)
        request = pb.GetMetricsRequest(
            scaledObjectRef=pb.ScaledObjectRef(scalerMetadata={"model": "chat-8b", "region": "us-east-1"}),
            metricName="headroom-chat-8b-us-east-1")
        await stub.GetMetrics(request)
        end = time.monotonic() + seconds
        latencies = []

        async def worker():
            while time.monotonic() < end:
                sent = time.perf_counter()
                await stub.GetMetrics(request)
                latencies.append(time.perf_counter() - sent)

        start = time.monotonic()
        await asyncio.gather(*[worker() for _ in range(concurrency)])
        took = time.monotonic() - start
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
        print(f"python grpc.aio, {concurrency} streams: {len(latencies)} calls in {took:.2f} s = {len(latencies) / took:.0f} calls/s; "
              f"latency p50 {p(0.5):.3f} ms, p99 {p(0.99):.3f} ms")


asyncio.run(main())
