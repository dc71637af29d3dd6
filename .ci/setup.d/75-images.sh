# The service images built for real (scripts/images.py): buildah and the OCI distribution
# registry built with Go (cached under $SIEVE_CACHE/images/bin), a Debian base made by
# mmdebstrap, the four Dockerfiles built on it with buildah (overlay storage, chroot
# isolation; layers cached under $SIEVE_CACHE/images/storage), the pause image, and all of
# them pushed to the registry on 127.0.0.1:35000 (storage under $SIEVE_CACHE/registry).
# tests/images runs them. Needs root.
# Cold, measured on 2 shared cores at load 10-14: ~13 min into empty storage (base 164 s,
# interceptor 283 s, detector 91 s, digger 79 s, collector 57 s, kafka 33 s) plus ~11 min
# for buildah and the registry with a cold Go build cache (under .ci/run those build in the
# background from the start, beside the steps before this one); warm (nothing changed): 32 s
# plus the pushes; after a change to a copied file (README.md too): 8.5 min.
if [ "$(id -u)" = 0 ]; then
  # containers-common/-image: policy.json, registries.conf; netavark: buildah 1.41 wants a network
  # backend even with chroot isolation (it sets up none here: RUN steps use the host network).
  sieve_apt_install mmdebstrap runc golang-github-containers-common golang-github-containers-image netavark
  # buildah and the registry: built in the background since the start under .ci/run.
  # shellcheck source=/dev/null
  source .ci/go-builds.sh
  sieve_apt_install libseccomp-dev pkg-config # buildah's seccomp tag builds with cgo
  sieve_go_build images_tools
  python -m scripts.images all
  python -m scripts.images registry stop   # the tests start it again when they need it
  python -m scripts.images registry gc     # earlier pushes' manifests and layers
else
  echo "75-images: not root, the images are not built (tests/images will skip)"
fi
