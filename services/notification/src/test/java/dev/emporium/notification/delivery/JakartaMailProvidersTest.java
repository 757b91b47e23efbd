package dev.emporium.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

class JakartaMailProvidersTest {

  @Test
  void namesAngusAsTheStreamProviderSoJakartaMailSkipsItsServiceLoaderScan() {
    JakartaMailProviders.nameThemOnce();

    assertThat(System.getProperty(JakartaMailProviders.STREAM_PROVIDER))
        .isEqualTo(JakartaMailProviders.ANGUS_STREAM_PROVIDER);
    assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(JakartaMailProviders.ANGUS_STREAM_PROVIDER);
  }

  @Test
  void keepsAProviderSomeoneElseNamed() {
    String before = System.getProperty(JakartaMailProviders.STREAM_PROVIDER);
    System.setProperty(JakartaMailProviders.STREAM_PROVIDER, "com.example.OtherStreamProvider");
    try {
      JakartaMailProviders.nameThemOnce();
      assertThat(System.getProperty(JakartaMailProviders.STREAM_PROVIDER)).isEqualTo("com.example.OtherStreamProvider");
    } finally {
      if (before == null) {
        System.clearProperty(JakartaMailProviders.STREAM_PROVIDER);
      } else {
        System.setProperty(JakartaMailProviders.STREAM_PROVIDER, before);
      }
    }
  }
}
