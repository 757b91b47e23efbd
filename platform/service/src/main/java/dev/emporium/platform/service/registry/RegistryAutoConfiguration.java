package dev.emporium.platform.service.registry;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/** Registration in etcd, when {@code emporium.registry.etcd.endpoints} (or {@code EMPORIUM_ETCD}) names it. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(EtcdConfigured.class)
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryAutoConfiguration {

  @Bean
  EtcdRegistration etcdRegistration(RegistryProperties properties, Environment environment,
      ObjectProvider<MeterRegistry> meters) {
    return new EtcdRegistration(properties, environment, meters.getIfAvailable());
  }
}
