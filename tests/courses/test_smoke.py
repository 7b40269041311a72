def test_pages_render(client, course_tree):
    course, modules = course_tree
    for url in [course.get_parent().url, course.url, modules[0].url]:
        response = client.get(url)
        assert response.status_code == 200, url
