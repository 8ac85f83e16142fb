package org.vsekai.nebula.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes an {@link UpdateWorkflow} upserts at each transition, so support staff can
 * list e.g. {@code UpdateState="DownloadingUpdate" AND Product="v-sekai"} in the Temporal UI. All
 * are Keyword: they are matched exactly, never searched as text. A namespace must register them
 * before a workflow upserts them (dev server: {@code --search-attribute InstallId=Keyword ...}).
 */
public final class NebulaSearchAttributes {

  public static final SearchAttributeKey<String> INSTALL_ID =
      SearchAttributeKey.forKeyword("InstallId");
  public static final SearchAttributeKey<String> PRODUCT = SearchAttributeKey.forKeyword("Product");
  public static final SearchAttributeKey<String> MODE = SearchAttributeKey.forKeyword("Mode");

  /** The installed version when the update began; unset until Checking has read it. */
  public static final SearchAttributeKey<String> FROM_VERSION =
      SearchAttributeKey.forKeyword("FromVersion");

  /** The version being installed; unset until Checking found one. */
  public static final SearchAttributeKey<String> TO_VERSION =
      SearchAttributeKey.forKeyword("ToVersion");

  /** {@link UpdateState#label()} of the current state, e.g. {@code DownloadingUpdate}. */
  public static final SearchAttributeKey<String> UPDATE_STATE =
      SearchAttributeKey.forKeyword("UpdateState");

  /**
   * The rollout an update belongs to, set when a rollout wave starts it, and on the rollout's own
   * workflow: {@code RolloutId="..."} lists a rollout and every update it started.
   */
  public static final SearchAttributeKey<String> ROLLOUT_ID =
      SearchAttributeKey.forKeyword("RolloutId");

  /** Every key, for registering them with a namespace or a test environment. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(INSTALL_ID, PRODUCT, MODE, FROM_VERSION, TO_VERSION, UPDATE_STATE, ROLLOUT_ID);

  /** Every key's name, for what registers them by name (the dev server, the CLI). */
  public static List<String> names() {
    return ALL.stream().map(SearchAttributeKey::getName).toList();
  }

  private NebulaSearchAttributes() {}
}
