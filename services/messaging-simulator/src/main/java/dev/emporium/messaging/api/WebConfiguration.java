package dev.emporium.messaging.api;

import dev.emporium.messaging.MessagingProperties;
import dev.emporium.messaging.behaviour.BehaviourControl;
import dev.emporium.messaging.behaviour.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Where the interceptors apply: each channel's faults to its provider API, the token to the admin API only. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  private final MessagingProperties properties;
  private final Map<Channel, FaultInjection> faults;

  WebConfiguration(MessagingProperties properties, BehaviourControl behaviour, MeterRegistry meters) {
    this.properties = properties;
    this.faults = FaultInjection.forApis(behaviour, meters);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(faults.get(Channel.SMS)).addPathPatterns("/v1/sms", "/v1/sms/**");
    registry.addInterceptor(faults.get(Channel.PUSH)).addPathPatterns("/v1/push", "/v1/push/**");
    if (properties.adminToken() != null) {
      registry.addInterceptor(new AdminAuthentication(properties.adminToken())).addPathPatterns("/admin/**");
    }
  }
}
