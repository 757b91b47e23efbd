package dev.emporium.notification.delivery;

import dev.emporium.notification.NotificationProperties;
import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.template.PushContent;
import dev.emporium.notification.template.Templates;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Notifies the user's devices through the push provider, which knows them by user id: no contact needed. */
@Component
class PushDelivery implements Delivery {

  private final RestClient http;
  private final Templates templates;

  PushDelivery(RestClient.Builder builder, Templates templates, NotificationProperties properties) {
    NotificationProperties.Providers providers = properties.providers();
    this.http = builder.clone().baseUrl(providers.pushUrl().toString())
        .requestFactory(HttpClients.requestFactory(providers.connectTimeout(), providers.readTimeout())).build();
    this.templates = templates;
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public Outcome deliver(NotificationJob job) {
    PushContent content = templates.push(job.notice());
    return ProviderCall.post(http, "/v1/push", job.jobId(),
        Map.of("userId", job.notice().userId(), "title", content.title(), "body", content.body()));
  }
}
