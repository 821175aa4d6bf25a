-- wrk's done() hook (wrk -s summary.lua): one line with the exact figures bench/Http/run.sh reports, after wrk's own
-- report. Latencies are wrk's, in microseconds: from a request's write to its response's end, per connection.
-- wrk counts a response as a status error when its status is 400 or more; 3xx responses are not counted, which is
-- why run.sh also reports the mean response size and checks /profile before and after.
done = function(summary, latency, requests)
  local errors = summary.errors
  local count = summary.requests
  io.write(string.format("wrk-summary requests=%d seconds=%.3f rps=%.2f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "status_errors=%d socket_errors=%d bytes_per_response=%d\n",
    count, summary.duration / 1e6, count / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    count > 0 and math.floor(summary.bytes / count) or 0))
end
