package io.shiftproof.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Certificate Transparency test vectors as published with the reference verifier in
 * transparency-dev/merkle ({@code proof/verify_test.go} and {@code rfc6962/rfc6962_test.go},
 * formerly part of Trillian): eight leaves, the roots of their first one to eight, and audit paths
 * and consistency proofs between them. Leaf numbers in that data start at 1; here they start at 0.
 */
class Rfc6962VectorsTest {
  private static final List<byte[]> LEAVES =
      hexes(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** Roots of the trees over the first 1..8 leaves. */
  private static final List<Hash> ROOTS =
      hashes(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static final List<InclusionProof> INCLUSION_PROOFS =
      List.of(
          new InclusionProof(0, 1, List.of()),
          new InclusionProof(
              0,
              8,
              hashes(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new InclusionProof(
              5,
              8,
              hashes(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new InclusionProof(
              2, 3, hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new InclusionProof(
              1,
              5,
              hashes(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  private static final List<ConsistencyProof> CONSISTENCY_PROOFS =
      List.of(
          new ConsistencyProof(1, 1, List.of()),
          new ConsistencyProof(
              1,
              8,
              hashes(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new ConsistencyProof(
              6,
              8,
              hashes(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new ConsistencyProof(
              2,
              5,
              hashes(
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
          new ConsistencyProof(
              6,
              7,
              hashes(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

  private static MerkleTree firstLeaves(long size) {
    return MerkleTree.fromLeaves(LEAVES.subList(0, (int) size));
  }

  @Test
  void hashesLeavesAndTheEmptyTreeAsPublished() {
    assertThat(TreeHasher.EMPTY_ROOT.toHex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(TreeHasher.leafHash(new byte[0]).toHex())
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    assertThat(TreeHasher.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    assertThat(MerkleTree.fromLeaves(List.of()).rootHash()).isEqualTo(TreeHasher.EMPTY_ROOT);
  }

  @Test
  void rootsOfTheFirstOneToEightLeavesAreThePublishedOnes() {
    for (int size = 1; size <= 8; size++) {
      assertThat(firstLeaves(size).rootHash())
          .as("root of %d", size)
          .isEqualTo(ROOTS.get(size - 1));
    }
  }

  @Test
  void inclusionProofsAreThePublishedOnesAndVerify() {
    for (InclusionProof published : INCLUSION_PROOFS) {
      MerkleTree tree = firstLeaves(published.treeSize());
      assertThat(tree.inclusionProof((int) published.leafIndex())).isEqualTo(published);
      Hash leafHash = TreeHasher.leafHash(LEAVES.get((int) published.leafIndex()));
      Hash root = ROOTS.get((int) published.treeSize() - 1);
      assertThat(MerkleVerifier.verifyInclusion(leafHash, published, root).failure()).isEmpty();
    }
  }

  @Test
  void consistencyProofsAreThePublishedOnesAndVerify() {
    for (ConsistencyProof published : CONSISTENCY_PROOFS) {
      MerkleTree tree = firstLeaves(published.newSize());
      assertThat(tree.consistencyProof((int) published.oldSize())).isEqualTo(published);
      Hash oldRoot = ROOTS.get((int) published.oldSize() - 1);
      Hash newRoot = ROOTS.get((int) published.newSize() - 1);
      assertThat(MerkleVerifier.verifyConsistency(oldRoot, newRoot, published).failure()).isEmpty();
    }
  }

  @Test
  void referenceAgreesWithThePublishedVectors() {
    ReferenceMerkle reference = new ReferenceMerkle(LEAVES);
    for (int size = 1; size <= 8; size++) {
      assertThat(Hash.of(reference.root(size))).isEqualTo(ROOTS.get(size - 1));
    }
    for (InclusionProof published : INCLUSION_PROOFS) {
      List<byte[]> path = reference.path((int) published.leafIndex(), (int) published.treeSize());
      assertThat(path.stream().map(Hash::of).toList()).isEqualTo(published.path());
    }
    for (ConsistencyProof published : CONSISTENCY_PROOFS.subList(1, CONSISTENCY_PROOFS.size())) {
      List<byte[]> proof = reference.proof((int) published.oldSize(), (int) published.newSize());
      assertThat(proof.stream().map(Hash::of).toList()).isEqualTo(published.path());
    }
  }

  private static List<byte[]> hexes(String... hex) {
    return Arrays.stream(hex).map(HexFormat.of()::parseHex).toList();
  }

  private static List<Hash> hashes(String... hex) {
    return Arrays.stream(hex).map(Hash::fromHex).toList();
  }
}
