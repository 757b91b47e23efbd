package dev.emporium.platform.service.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Names the service's OpenAPI document (served at /openapi by springdoc) after the service. A
 * service that wants more (descriptions, examples) declares its own {@link OpenAPI} bean.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OpenAPI serviceOpenApi(@Value("${spring.application.name:service}") String name,
      @Value("${emporium.service.version:0.1.0}") String version) {
    return new OpenAPI().info(new Info().title("Emporium " + name + " service API").version(version)
        .description("Reached through the Emporium gateway, which authenticates callers and passes their "
            + "identity in X-User-Id, X-User-Roles and X-Scopes. Errors are RFC 9457 problem+json."));
  }
}
