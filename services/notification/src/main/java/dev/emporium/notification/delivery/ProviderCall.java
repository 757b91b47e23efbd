package dev.emporium.notification.delivery;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * One POST to a provider's API under the job's id as {@code Idempotency-Key}. 2xx is delivered;
 * 409 means the key was already used (a first copy of the job got through): delivered as well, not
 * again. Any other 4xx is the provider rejecting the message for good; 5xx, 429, timeouts and
 * refused connections are retried.
 */
final class ProviderCall {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private ProviderCall() {}

  static Outcome post(RestClient http, String path, String jobId, Map<String, Object> body) {
    try {
      http.post().uri(path).contentType(MediaType.APPLICATION_JSON).header(IDEMPOTENCY_KEY, jobId).body(body)
          .retrieve().toBodilessEntity();
      return Outcome.DELIVERED;
    } catch (RestClientResponseException e) {
      HttpStatusCode status = e.getStatusCode();
      if (status.value() == 409) {
        return Outcome.DUPLICATE;
      }
      if (status.is4xxClientError() && status.value() != 429 && status.value() != 408) {
        throw new PermanentFailure("the provider rejected " + jobId + " with " + status.value() + ": "
            + e.getResponseBodyAsString(), e);
      }
      throw new IllegalStateException("the provider answered " + status.value() + " for " + jobId, e);
    } catch (RestClientException e) {
      throw new IllegalStateException("the provider did not answer for " + jobId + ": " + e.getMessage(), e);
    }
  }
}
