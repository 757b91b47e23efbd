package dev.emporium.notification.contact;

import org.jspecify.annotations.Nullable;

/** How to reach a user, as the user service tells it: {@code phone} is E.164, or null when none was given. */
public record Contact(String userId, String email, String name, @Nullable String phone) {}
