package dev.emporium.notification.template;

/** A push notification's title and text. */
public record PushContent(String title, String body) {}
