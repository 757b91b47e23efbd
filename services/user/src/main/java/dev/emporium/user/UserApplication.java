package dev.emporium.user;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The user service: accounts, sign-in, and the token issuer the gateway trusts (RS256 access
 * tokens verified against {@code /.well-known/jwks.json}), with UserRegistered events. Runs as its
 * own process: {@code java -jar emporium-user.jar}, configured by environment variables
 * (docs/services.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UserApplication {

  public static void main(String[] args) {
    SpringApplication.run(UserApplication.class, args);
  }
}
