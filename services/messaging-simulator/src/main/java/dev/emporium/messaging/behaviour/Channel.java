package dev.emporium.messaging.behaviour;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The ways the simulator delivers, each with its own behaviour: the SMTP sink, SMS and push. */
public enum Channel {
  MAIL, SMS, PUSH;

  /** The name used in paths, metrics and configuration: {@code mail}, {@code sms}, {@code push}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> of(String id) {
    return Arrays.stream(values()).filter(channel -> channel.id().equalsIgnoreCase(id)).findFirst();
  }
}
