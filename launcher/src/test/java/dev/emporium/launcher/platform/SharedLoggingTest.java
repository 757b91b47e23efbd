package dev.emporium.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class SharedLoggingTest {

  @Configuration(proxyBeanMethods = false)
  static class EmptyApplication {}

  @Test
  void servicesStartingTogetherLeaveTheSharedLoggingConfigurationAlone() {
    SharedLogging.install();
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> marker = new ListAppender<>();
    marker.setName("shared-logging-marker");
    marker.setContext(logback);
    marker.start();
    root.addAppender(marker);
    List<CompletableFuture<ConfigurableApplicationContext>> starts = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        starts.add(CompletableFuture.supplyAsync(SharedLoggingTest::startEmptyApplication));
      }
      starts.forEach(CompletableFuture::join);

      // Spring Boot's own logging system would have reset the context, detaching every appender.
      assertThat(root.getAppender("shared-logging-marker")).isSameAs(marker);
      LoggerFactory.getLogger(SharedLoggingTest.class).warn("still here");
      assertThat(marker.list).extracting(ILoggingEvent::getFormattedMessage).contains("still here");
    } finally {
      starts.forEach(start -> start.thenAccept(ConfigurableApplicationContext::close).join());
      root.detachAppender(marker);
    }
  }

  private static ConfigurableApplicationContext startEmptyApplication() {
    SpringApplication application = new SpringApplication(EmptyApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setBannerMode(Banner.Mode.OFF);
    application.setRegisterShutdownHook(false);
    return application.run();
  }
}
