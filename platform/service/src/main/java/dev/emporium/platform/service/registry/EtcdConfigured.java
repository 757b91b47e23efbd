package dev.emporium.platform.service.registry;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code emporium.registry.etcd.endpoints} names at least one address. The platform's
 * defaults set it to {@code ${EMPORIUM_ETCD:}}, so the property is always present, often empty.
 */
class EtcdConfigured extends SpringBootCondition {

  static final String PROPERTY = "emporium.registry.etcd.endpoints";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    List<String> endpoints = Binder.get(context.getEnvironment())
        .bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
    boolean named = endpoints.stream().anyMatch(e -> !e.isBlank());
    return named ? ConditionOutcome.match(PROPERTY + " names etcd")
        : ConditionOutcome.noMatch(PROPERTY + " is empty: no registration");
  }
}
