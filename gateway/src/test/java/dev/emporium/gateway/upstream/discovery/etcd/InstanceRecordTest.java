package dev.emporium.gateway.upstream.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emporium.gateway.upstream.Discovery;
import dev.emporium.gateway.upstream.EndpointAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InstanceRecordTest {

  private static Discovery.Member parse(String json) {
    return InstanceRecord.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAddressWeightAndZoneAndIgnoresTheRest() {
    Discovery.Member member = parse("""
        {"address":"10.0.0.5:8082","zone":"eu-1","weight":3,"version":"0.1.0","startedAt":"2026-01-01T00:00:00Z"}""");

    assertThat(member).isEqualTo(new Discovery.Member(new EndpointAddress("10.0.0.5", 8082), 3, "eu-1"));
  }

  @Test
  void weightDefaultsToOneAndZoneToNone() {
    assertThat(parse("{\"address\":\"[::1]:8082\"}"))
        .isEqualTo(new Discovery.Member(new EndpointAddress("::1", 8082), 1, null));
  }

  @Test
  void refusesValuesThatDescribeNoEndpoint() {
    assertThatThrownBy(() -> parse("not json")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parse("{}")).hasMessageContaining("no \"address\"");
    assertThatThrownBy(() -> parse("{\"address\":\"10.0.0.5\"}")).hasMessageContaining("is not host:port");
    assertThatThrownBy(() -> parse("{\"address\":\"10.0.0.5:1\",\"weight\":0}")).hasMessageContaining("1-1000");
    assertThatThrownBy(() -> parse("{\"address\":\"10.0.0.5:1\",\"weight\":1.5}")).hasMessageContaining("1-1000");
    assertThatThrownBy(() -> parse("{\"address\":\"10.0.0.5:1\",\"weight\":\"2\"}")).hasMessageContaining("1-1000");
    assertThatThrownBy(() -> parse("{\"address\":\"10.0.0.5:1\",\"zone\":7}")).hasMessageContaining("\"zone\"");
  }
}
