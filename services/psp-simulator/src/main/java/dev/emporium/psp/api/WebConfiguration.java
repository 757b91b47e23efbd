package dev.emporium.psp.api;

import dev.emporium.psp.PspProperties;
import dev.emporium.psp.behaviour.BehaviourControl;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Where the interceptors apply: faults to the processor's API only, the token to the admin API only. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final PspProperties properties;
  private final BehaviourControl behaviour;
  private final MeterRegistry meters;

  WebConfiguration(PspProperties properties, BehaviourControl behaviour, MeterRegistry meters) {
    this.properties = properties;
    this.behaviour = behaviour;
    this.meters = meters;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new FaultInjection(behaviour, properties.timeoutHold(), meters)).addPathPatterns("/v1/**");
    if (properties.adminToken() != null) {
      registry.addInterceptor(new AdminAuthentication(properties.adminToken())).addPathPatterns("/admin/**");
    }
  }
}
