package dev.emporium.gateway.policy.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.emporium.gateway.config.ConfigLoader;
import dev.emporium.gateway.policy.PolicyRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectionConfigTest {

  private static final ObjectMapper MAPPER = ConfigLoader.newMapper(new YAMLFactory());

  private static FaultInjectionConfig bind(String yaml) throws Exception {
    return (FaultInjectionConfig) new PolicyRegistry().bind("fault-injection", MAPPER.readTree(yaml), MAPPER).config();
  }

  @Test
  void sharesDefaultToEveryRequestAndTheAbortTo503() throws Exception {
    FaultInjectionConfig config = bind("{delay: {duration: 250ms}, abort: {}}");
    assertThat(config.delay().duration()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.delay().share()).isEqualTo(1.0);
    assertThat(config.abort().status()).isEqualTo(503);
    assertThat(config.abort().share()).isEqualTo(1.0);
  }

  @Test
  void refusesSharesOutsideZeroToOneAndOtherNonsense() {
    assertThatThrownBy(() -> bind("{}")).hasMessageContaining("name a delay, an abort, or both");
    assertThatThrownBy(() -> bind("{abort: {share: 1.5}}")).hasMessageContaining("abort.share must be between 0.0 and 1.0");
    assertThatThrownBy(() -> bind("{abort: {share: -0.1}}")).hasMessageContaining("abort.share must be between");
    assertThatThrownBy(() -> bind("{delay: {duration: 1s, share: 2}}")).hasMessageContaining("delay.share must be between");
    assertThatThrownBy(() -> bind("{delay: {share: 0.5}}")).hasMessageContaining("delay.duration is required");
    assertThatThrownBy(() -> bind("{delay: {duration: 2m}}")).hasMessageContaining("delay.duration must be between");
    assertThatThrownBy(() -> bind("{abort: {status: 200}}")).hasMessageContaining("abort.status must be 400 to 599");
    assertThatThrownBy(() -> bind("{abort: {percent: 5}}")).hasMessageContaining("percent");
  }
}
