package dev.emporium.platform.service.sample;

import dev.emporium.platform.service.identity.Access;
import dev.emporium.platform.service.identity.Caller;
import dev.emporium.platform.service.identity.RequireRole;
import dev.emporium.platform.service.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/samples")
class SampleController {

  record Price(@NotNull @DecimalMin("0.00") BigDecimal amount, @NotBlank @Size(min = 3, max = 3) String currency) {}

  record NewSample(@NotBlank @Size(max = 20) String name, @NotNull @Valid Price price,
      @Size(max = 2) List<@Size(max = 5) String> tags) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  NewSample create(@Valid @RequestBody NewSample sample) {
    return sample;
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(name = "limit", defaultValue = "10") @Min(1) @Max(50) int limit) {
    return Map.of("limit", limit);
  }

  @GetMapping("/boom")
  String boom() {
    throw new IllegalStateException("database password=hunter2 rejected");
  }

  @GetMapping("/conflict")
  String conflict() {
    throw ProblemException.conflict("sample is already taken");
  }

  @GetMapping("/me")
  Caller me(Caller caller) {
    Access.requireAuthenticated(caller);
    return caller;
  }

  @GetMapping("/admin")
  Map<String, String> admin(Caller caller) {
    Access.requireAdmin(caller);
    return Map.of("ok", "admin");
  }

  @PostMapping("/admin")
  @RequireRole(Caller.ADMIN)
  NewSample adminCreate(@Valid @RequestBody NewSample sample) {
    return sample;
  }

  @GetMapping("/owned/{owner}")
  Map<String, String> owned(@PathVariable String owner, Caller caller) {
    Access.requireOwnerOrAdmin(caller, owner, "sample of " + owner);
    return Map.of("owner", owner);
  }
}
