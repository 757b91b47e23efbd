package dev.emporium.notification.job;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Jobs on the queues are JSON: {@code {jobId, channel, notice: {...}}}. */
@Component
public class JobCodec {

  private final JsonMapper mapper;

  public JobCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public byte[] write(NotificationJob job) {
    return mapper.writeValueAsBytes(job);
  }

  /** @throws MalformedJobException when the bytes are not a complete job */
  public NotificationJob read(byte[] body) {
    NotificationJob job;
    try {
      job = mapper.readValue(body, NotificationJob.class);
    } catch (JacksonException e) {
      throw new MalformedJobException("not a notification job: " + e.getOriginalMessage(), e);
    }
    if (job == null || blank(job.jobId()) || job.channel() == null || job.notice() == null
        || job.notice().kind() == null || blank(job.notice().userId()) || blank(job.notice().orderId())) {
      throw new MalformedJobException("a notification job needs jobId, channel, notice.kind, notice.userId and notice.orderId", null);
    }
    return job;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
