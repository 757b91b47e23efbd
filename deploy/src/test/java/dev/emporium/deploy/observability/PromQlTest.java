package dev.emporium.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsTheMetricsOfAnExpressionAndNothingElse() {
    String expr = """
        (sum by (route) (rate(gateway_requests_seconds_count{status_class="5xx",route=~"a|b"}[5m])) or vector(0))
          / on (route) group_left () sum without (le) (rate(gateway_requests_seconds_bucket{le="0.5"}[1h] offset 1d))
          and gateway:slo_errors:ratio_rate5m > bool 0.0144
        """;
    assertThat(PromQl.metricNames(expr)).containsExactly("gateway:slo_errors:ratio_rate5m",
        "gateway_requests_seconds_bucket", "gateway_requests_seconds_count");
  }

  @Test
  void aHistogramQuantileReadsOnlyItsBuckets() {
    assertThat(PromQl.metricNames(
        "histogram_quantile(0.95, sum(rate(http_server_requests_seconds_bucket{uri!~\"/health.*\"}[5m])) by (le, job))"))
        .containsExactly("http_server_requests_seconds_bucket");
  }

  @Test
  void grafanaVariablesBecomeSomethingPrometheusParses() {
    assertThat(PromQl.fromGrafana("rate(x_total{route=~\"$route\",job=~\"${job:regex}\"}[$__rate_interval])"))
        .isEqualTo("rate(x_total{route=~\".*\",job=~\".*\"}[5m])");
  }

  @Test
  void listsTheLabelMatchersOfEachSelector() {
    assertThat(PromQl.matchers("rate(a_total{route=~\"x|y\", status_class!=\"aborted\"}[5m]) / b{le=\"0.5\"}"))
        .containsExactly(new PromQl.Matcher("a_total", "route", "=~", "x|y"),
            new PromQl.Matcher("a_total", "status_class", "!=", "aborted"), new PromQl.Matcher("b", "le", "=", "0.5"));
  }
}
