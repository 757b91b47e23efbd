package dev.emporium.notification.contact;

import dev.emporium.notification.delivery.PermanentFailure;

/** The user service has no such user: the notification can never be addressed. */
public class UnknownUserException extends PermanentFailure {

  public UnknownUserException(String userId) {
    super("the user service knows no user " + userId, null);
  }
}
