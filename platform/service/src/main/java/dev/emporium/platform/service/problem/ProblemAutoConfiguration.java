package dev.emporium.platform.service.problem;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Problem+json for every error a service answers, with the trace id. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemAutoConfiguration {

  @Bean
  TraceIds traceIds(ObjectProvider<Tracer> tracer) {
    return new TraceIds(tracer);
  }

  @Bean
  ProblemExceptionHandler problemExceptionHandler(TraceIds traceIds) {
    return new ProblemExceptionHandler(traceIds);
  }

  @Bean
  ProblemErrorController problemErrorController(TraceIds traceIds) {
    return new ProblemErrorController(traceIds);
  }

  /** Just inside Spring's observation filter (HIGHEST_PRECEDENCE + 1), which opens the span. */
  @Bean
  FilterRegistrationBean<TraceIdFilter> traceIdFilter(TraceIds traceIds) {
    FilterRegistrationBean<TraceIdFilter> registration = new FilterRegistrationBean<>(new TraceIdFilter(traceIds));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
