package dev.emporium.notification.template;

/** A mail's subject and its two bodies: plain text, and the same as simple HTML. */
public record EmailContent(String subject, String text, String html) {}
