package dev.emporium.gateway.upstream;

/**
 * A discovery setting that cannot be used; the configuration validator reports it at the setting's
 * own field and line ({@code clusters[2].discovery.settings.port}).
 */
public final class InvalidDiscoverySetting extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * @param setting the key under {@code discovery.settings}
   * @param message what is wrong with it
   */
  public InvalidDiscoverySetting(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
