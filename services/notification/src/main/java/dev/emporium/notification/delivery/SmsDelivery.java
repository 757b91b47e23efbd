package dev.emporium.notification.delivery;

import dev.emporium.notification.NotificationProperties;
import dev.emporium.notification.contact.Contact;
import dev.emporium.notification.contact.UserDirectory;
import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NotificationJob;
import dev.emporium.notification.template.Templates;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Texts a job to the user's phone through the SMS provider; a user without a phone number is skipped. */
@Component
class SmsDelivery implements Delivery {

  private final RestClient http;
  private final UserDirectory users;
  private final Templates templates;

  SmsDelivery(RestClient.Builder builder, UserDirectory users, Templates templates, NotificationProperties properties) {
    NotificationProperties.Providers providers = properties.providers();
    this.http = builder.clone().baseUrl(providers.smsUrl().toString())
        .requestFactory(HttpClients.requestFactory(providers.connectTimeout(), providers.readTimeout())).build();
    this.users = users;
    this.templates = templates;
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public Outcome deliver(NotificationJob job) {
    Contact contact = users.contact(job.notice().userId());
    if (contact.phone() == null || contact.phone().isBlank()) {
      return Outcome.SKIPPED;
    }
    return ProviderCall.post(http, "/v1/sms", job.jobId(), Map.of("to", contact.phone(), "body", templates.sms(job.notice())));
  }
}
