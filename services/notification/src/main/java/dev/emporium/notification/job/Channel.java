package dev.emporium.notification.job;

import java.util.Locale;

/** How a notification reaches its user. */
public enum Channel {
  EMAIL, SMS, PUSH;

  /** The name in job ids, JSON, metrics and configuration: {@code email}, {@code sms}, {@code push}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
