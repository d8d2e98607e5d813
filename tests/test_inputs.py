"""Only files the validator read reach the site: real images, no symbolic links, no other file types."""
import socket

from PIL import Image

from conftest import CORPUS
from kb import document, inputs, repository


def test_real_images_pass_and_disguised_ones_fail(tmp_path):
    png, jpg = tmp_path / "a.png", tmp_path / "b.jpg"
    Image.new("RGB", (4, 4), "red").save(png)
    Image.new("RGB", (4, 4), "red").save(jpg, "JPEG")
    assert inputs.check_image(png, "a.png") == [] and inputs.check_image(jpg, "b.jpg") == []
    swapped = tmp_path / "c.png"
    swapped.write_bytes(jpg.read_bytes())                       # a JPEG named .png is not what it says
    assert [d.code for d in inputs.check_image(swapped, "c.png")] == ["KB016"]
    huge = tmp_path / "d.png"
    huge.write_bytes(png.read_bytes() + b"\0" * inputs.MAX_IMAGE_BYTES)
    assert [d.code for d in inputs.check_image(huge, "d.png")] == ["KB016"]


def test_content_images_are_published_and_checked(good_repo):
    (good_repo / "content" / "fi").mkdir(parents=True)
    Image.new("RGB", (4, 4), "blue").save(good_repo / "content" / "fi" / "logo.png")
    images, diags = inputs.content_files(good_repo, "fi")
    assert images == ["logo.png"] and diags == []


def test_symlinks_are_found_at_any_depth_but_not_followed(good_repo):
    (good_repo / "cases" / "example-case" / "leak.png").symlink_to("/etc/passwd")
    (good_repo / "guidelines" / "x").mkdir()
    (good_repo / "guidelines" / "x" / "deep").symlink_to("/etc")
    found = sorted(d.path for d in inputs.symlinks(good_repo))
    assert found == ["cases/example-case/leak.png", "guidelines/x/deep"]
    repo, diags = repository.load(good_repo)
    assert {d.code for d in diags} >= {"KB014"}


def test_a_file_that_cannot_be_read_is_reported(tmp_path):
    path = tmp_path / "fi.md"
    with socket.socket(socket.AF_UNIX) as s:   # git cannot store one, but a build machine may have one
        s.bind(str(path))
        doc, diags = document.read(path, "cases/x/fi.md")
    assert doc is None and [d.code for d in diags] == ["KB013"]


def test_the_good_corpus_image_is_kept(repo):
    assert repo.cases[0].images == ["diagram.png"]
    assert (CORPUS / "good" / "cases" / "example-case" / "diagram.png").is_file()
