package dev.emporium.notification.delivery;

import dev.emporium.notification.job.Channel;
import dev.emporium.notification.job.NotificationJob;

/**
 * Delivers the jobs of one channel. Throws {@link PermanentFailure} for what no retry can fix and
 * anything else for what a retry may; must be safe to call again with the same job.
 */
public interface Delivery {

  Channel channel();

  Outcome deliver(NotificationJob job);
}
